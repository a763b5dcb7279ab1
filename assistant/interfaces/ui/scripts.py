"""The chat page's own JavaScript: copying, scrolling, the phone's outline toggle, one question at a time,
and Chinese whatever the browser's language (Gradio's own strings, tooltips, toasts, messages' names)."""

from __future__ import annotations

# Copies the plain text of the latest answer (the hidden textbox) with a fallback for plain-HTTP pages;
# nothing is copied when there is no answer (e.g. after clearing the chat) or the chat shows none (the
# chat's own 🗑 empties it at once, the hidden text only when the server has answered the clear).
COPY_JS = """(text) => {
  const b = document.querySelector('#pq-copy');
  const done = () => { if (b) { b.dataset.copied = '1'; } };
  if (!document.querySelector('#pq-chat .pq-answer')) { text = ''; }
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
# Run as a question is sent (before the answer is asked for; gets and returns its inputs): marks the
# page busy, sends the question as it stood when Enter or 提问 was pressed (the gate below keeps it:
# on a busy page Gradio may read the box only after more was typed), and empties the question box,
# unless something else was typed there meanwhile.
TAKE_QUESTION_JS = """(...inputs) => {
  document.body.dataset.pqBusy = '1';
  const taken = document.body.dataset.pqQuestion;
  delete document.body.dataset.pqQuestion;
  if (taken !== undefined) { inputs[0] = taken; }
  const box = document.querySelector('#pq-question textarea');
  if (box && box.value.trim() === String(inputs[0] ?? '').trim()) {
    box.value = ''; box.dispatchEvent(new Event('input', {bubbles: true}));
  }
  return inputs;
}"""
# Run when the answer is done (or failed): the next question may be sent.
ASKED_JS = "() => { delete document.body.dataset.pqBusy; }"

# In the page's head (run once, after Gradio's own set-up):
# - Gradio's own strings (the upload area, …) in Chinese: Gradio has no setting for the UI language (it
#   follows navigator.language), so its frontend's changeLocale is called (the function its settings
#   panel uses); where it is missing the page stays as it is.
# - Chinese tooltips for the chat's built-in buttons and titles of toasts.
# - The chat messages' accessible names ("bot's message: <div …" in Gradio) as 问题：/回答： and the text.
# - One question at a time: Enter or 提问 while an answer is on its way (TAKE_QUESTION_JS … ASKED_JS) send
#   nothing; the question stays in the box and a notice says to wait.
HEAD_JS = r"""<script>
(() => {
  const core = performance.getEntriesByType('resource').map((r) => r.name)
    .find((n) => /\/assets\/core-[\w-]+\.js$/.test(n));
  if (core) { import(core).then((m) => m.changeLocale && m.changeLocale('zh-CN')).catch(() => {}); }
  const names = {Like: '赞', Liked: '已赞', Dislike: '踩', Disliked: '已踩', Copy: '复制', Copied: '已复制',
                 Feedback: '反馈', Clear: '清空对话', Retry: '重试', Undo: '撤销', Edit: '编辑',
                 Share: '分享', 'More tabs': '更多标签页'};
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
  const said = /^(user|bot|assistant)'s message: /;
  const fixMessages = () => document.querySelectorAll('#pq-chat [aria-label]').forEach((m) => {
    const label = m.getAttribute('aria-label'); const who = label.match(said);
    if (!who) { return; }
    // The message's HTML, parsed inert (no script runs, nothing loads), read as text.
    const body = new DOMParser().parseFromString(label.slice(who[0].length), 'text/html').body;
    const main = body.querySelector('.pq-question, .pq-answer, .pq-refusal, .pq-error, .pq-streaming') || body;
    const text = main.textContent.replace(/\s+/g, ' ').trim();
    m.setAttribute('aria-label', `${who[1] === 'user' ? '问题' : '回答'}：${text.slice(0, 150)}`);
  });
  new MutationObserver(() => { fix(document); fixToasts(); fixMessages(); }).observe(document, {subtree: true,
    childList: true, attributes: true, attributeFilter: ['aria-label', 'title']});
  const notice = () => {
    let n = document.querySelector('#pq-wait');
    if (!n) {
      n = document.createElement('div'); n.id = 'pq-wait'; n.setAttribute('role', 'status');
      document.body.appendChild(n);
    }
    n.textContent = '请等待上一个回答完成，您的问题仍在输入框中。';
    n.classList.add('pq-show'); clearTimeout(n.timer);
    n.timer = setTimeout(() => n.classList.remove('pq-show'), 4000);
  };
  // Enter (Gradio's textbox submits on keypress) or 提问 while busy: nothing is sent. A question let through
  // marks the page busy at once ('sent'), so that a second Enter right after it is held too; should Gradio
  // not send it after all (TAKE_QUESTION_JS never runs), the mark is dropped after 5 s.
  const gate = (e) => {
    const busy = document.body.dataset.pqBusy;
    if (busy) { e.preventDefault(); e.stopImmediatePropagation(); notice(); return; }
    const box = document.querySelector('#pq-question textarea');
    if (box && box.value.trim()) {
      document.body.dataset.pqBusy = 'sent';
      document.body.dataset.pqQuestion = box.value;
      setTimeout(() => {
        if (document.body.dataset.pqBusy === 'sent') {
          delete document.body.dataset.pqBusy; delete document.body.dataset.pqQuestion;
        }
      }, 5000);
    }
  };
  document.addEventListener('keypress', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.target.closest && e.target.closest('#pq-question')) {
      gate(e);
    }
  }, true);
  document.addEventListener('click', (e) => { if (e.target.closest && e.target.closest('#pq-send')) { gate(e); } },
                            true);
})();
</script>"""
