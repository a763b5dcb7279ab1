"""Policy documents written for the tests, in the style of real ones, and writers for each format."""

from __future__ import annotations

from pathlib import Path

REGULATION = """青岛市公共数据安全管理办法（示例）
第一章 总则
第一条 为了规范公共数据处理活动，保障公共数据安全，促进公共数据依法有序流动，结合本市实际，制定本办法。
第二条 本市行政区域内公共数据的收集、存储、使用、加工、传输、提供和公开等处理活动，适用本办法。
第三条 市大数据主管部门负责统筹协调全市公共数据安全管理工作。
第二章 安全管理
第四条 公共数据实行分类分级保护，核心数据实行更加严格的管理制度。
第五条 数据处理单位应当建立数据安全负责人制度，明确数据安全负责人和管理机构。
第六条 数据处理单位应当每年至少开展一次数据安全风险评估，并向主管部门报送评估报告。
第三章 共享与开放
第七条 公共数据以共享为原则、不共享为例外，无条件共享的数据应当在三个工作日内完成提供。
第八条 公共数据开放应当遵循分类分级、需求导向、安全可控的原则。
第九条 涉及个人信息的公共数据未经脱敏处理不得开放。
第四章 附则
第十条 本办法自2025年3月1日起施行。
"""

NOTICE_MD = """# 关于开展2025年政务数据质量提升行动的通知（示例）

各区（市）大数据主管部门，市直各有关部门：

为提升政务数据质量，现将有关事项通知如下。

## 一、工作目标
1. 年底前全市政务数据目录完整率达到100%。
2. 重点数据项错误率控制在千分之三以内。

## 二、主要任务
1. 开展数据质量普查，建立问题数据台账。
2. 建立数据纠错反馈机制，群众反馈的问题数据应当在五个工作日内核实更正。
3. 每季度发布一次数据质量通报。

## 三、保障措施
1. 将数据质量纳入数字政府建设考核。
"""

HTML_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>门户网站</title>
<script>var tracker = "一、不是正文";</script></head><body>
<nav>首页 | 政务公开 | 办事服务</nav>
<h1>青岛市政务大模型应用管理规定（示例）</h1>
<p>第一条 为规范政务大模型应用，保障生成内容安全可靠，制定本规定。</p>
<p>第二条 政务大模型生成的公文初稿应当经过人工审核后方可印发。</p>
<p>第三条 各部门不得将涉密信息输入政务大模型。</p>
<div class="footer">扫一扫在手机打开当前页</div>
</body></html>
"""

DOCX_PARAGRAPHS = [
    "青岛市数字机关建设考核细则（示例）",
    "一、考核对象",
    "（一）市直各部门。全市各市直部门均纳入年度考核。",
    "（二）各区（市）政府。各区（市）政府办公室负责本区域数字机关建设。",
    "二、考核内容",
    "（三）协同办公应用情况。重点考核“山东通”日活跃用户占比，不低于百分之八十为合格。",
    "（四）数据共享情况。考核部门数据共享申请的平均响应时间。",
]

PDF_LINES = [
    "青岛市城市云脑运行管理办法（示例）",
    "第一条 为加强城市云脑运行管理，提升城市治理智能化水平，制定本办法。",
    "第二条 城市云脑运行维护单位应当实行7×24小时值守。",
    "第三条 城市云脑事件处置平均响应时间不超过十五分钟。",
]


def write_docx(path: Path, paragraphs: list[str], title: str = "") -> None:
    """Write a .docx with python-docx."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if title:
        document.core_properties.title = title
    document.save(str(path))


def write_pdf(path: Path, lines: list[str], title: str = "") -> None:
    """Write a PDF with reportlab's built-in Chinese CID font (text stays extractable)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    page = canvas.Canvas(str(path))
    if title:
        page.setTitle(title)
    page.setFont("STSong-Light", 11)
    y = 800
    for line in lines:
        page.drawString(40, y, line)
        y -= 18
    page.save()


def write_library(folder: Path) -> None:
    """Write the five test documents, one per format."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "data-security-measures.txt").write_text(REGULATION, encoding="gb18030")
    (folder / "data-quality-notice.md").write_text(NOTICE_MD, encoding="utf-8-sig")
    (folder / "ai-rules.html").write_text(HTML_PAGE, encoding="utf-8")
    write_docx(folder / "digital-office-assessment.docx", DOCX_PARAGRAPHS)
    write_pdf(folder / "city-brain-measures.pdf", PDF_LINES, title="青岛市城市云脑运行管理办法（示例）")
