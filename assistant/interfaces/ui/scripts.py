"""The chat page's own JavaScript: copying, scrolling, the phone's outline toggle, Chinese tooltips."""

from __future__ import annotations

# Copies the plain text of the latest answer (the hidden textbox) with a fallback for plain-HTTP pages;
# nothing is copied when there is no answer (e.g. after clearing the chat).
COPY_JS = """(text) => {
  const b = document.querySelector('#pq-copy');
  const done = () => { if (b) { b.dataset.copied = '1'; } };
  if (!text) { if (b) { b.dataset.copied = 'empty'; } return text; }
  if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(text).then(done); }
  else { const t = document.createElement('textarea'); t.value = text; document.body.appendChild(t);
         t.select(); document.execCommand('copy'); t.remove(); done(); }
  return text;
}"""


# Brings the task viewer into sight after a task is chosen (on a phone it is below the outline).
SHOW_VIEWER_JS = ("() => { const v = document.querySelector('#pq-viewer'); "
                  "if (v) { v.scrollIntoView({block: 'start'}); } }")
# Shows or hides the outline on a phone (it is behind the "文件结构" button there).
TOGGLE_OUTLINE_JS = "() => { document.querySelector('#pq-outline-col')?.classList.toggle('pq-show'); }"
# Chinese tooltips for the chat's built-in buttons and titles of toasts, whatever the browser's language.
HEAD_JS = """<script>
(() => {
  const names = {Like: '赞', Liked: '已赞', Dislike: '踩', Disliked: '已踩', Copy: '复制', Copied: '已复制',
                 Feedback: '反馈', Clear: '清空', Retry: '重试', Undo: '撤销', Edit: '编辑', Share: '分享'};
  const fix = (root) => root.querySelectorAll('button[aria-label], button[title]').forEach((b) => {
    for (const attr of ['aria-label', 'title']) {
      const v = b.getAttribute(attr); if (v && names[v]) { b.setAttribute(attr, names[v]); }
    }
  });
  const toasts = {Info: '提示', Warning: '注意', Error: '错误', Success: '成功'};
  const fixToasts = () => document.querySelectorAll('.toast-title').forEach((t) => {
    t.childNodes.forEach((n) => {
      const v = n.nodeType === 3 ? n.textContent.trim() : '';
      if (toasts[v]) { n.textContent = n.textContent.replace(v, toasts[v]); }
    });
  });
  new MutationObserver(() => { fix(document); fixToasts(); }).observe(document, {subtree: true, childList: true,
    attributes: true, attributeFilter: ['aria-label', 'title']});
})();
</script>"""
