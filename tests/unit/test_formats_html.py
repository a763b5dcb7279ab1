"""HTML reading: the metadata table goes to metadata, page chrome and titles leave the text, tables by row."""

from __future__ import annotations

from pathlib import Path

from assistant.ingest.formats import extract

# A crawled government page fragment in the shape of gov.cn's (no <html>, no charset), written for the test.
GOV_FRAGMENT = """<div class="wrap" style="font-family:宋体;"> \n <table><tbody><tr><td>
 <table class="bd1"><tbody>
  <tr><td><b>索 引 号：</b></td><td>11370200/2025-00042</td><td><b>主题分类：</b></td><td>综合政务\\数字政府</td></tr>
  <tr><td><b>发文机关：</b></td><td>东海市人民政府办公厅</td><td><b>成文日期：</b></td><td>2025年03月12日</td></tr>
  <tr><td><b>标　　题：</b></td><td colspan="3">东海市人民政府办公厅关于推进政务数据共享应用的实施意见</td></tr>
  <tr><td><b>发文字号：</b></td><td>东政办发〔2025〕9号</td><td><b>发布日期：</b></td><td>2025年03月20日</td></tr>
 </tbody></table>
 <table class="bd1"><tbody><tr><td><b>主 题 词：</b></td><td></td></tr></tbody></table>
 </td></tr></tbody></table>
 <table><tbody><tr><td class="b12c" id="UCAP-CONTENT">
 <p style="text-align: center;"><span style="font-size: 18pt;">东海市人民政府办公厅关于推进</span></p>
 <p style="text-align: center;"><span style="font-size: 18pt;">政务数据共享应用的实施意见</span></p>
 <p style="text-align: center;">东政办发〔2025〕9号</p>
 <p><br>
 </p>
 <p>各区人民政府，市政府各部门：</p>
 <p style="text-indent: 2em;"><span style="font-weight: bold;">一、总体要求</span></p>
 <p><span style="font-family:楷体">（一）工作目标。</span>到2026年底，市级部门数据共享率达到95%以上。</p>
 <p>（二）基本原则。坚持需求导向<br>坚持安全可控。</p>
 <table><tr><th>任务</th><th>牵头单位</th></tr><tr><td>建设共享平台</td><td>市大数据局</td></tr></table>
 <p style="text-align: right;">东海市人民政府办公厅&nbsp;&nbsp;&nbsp;&nbsp;</p>
 <p style="text-align: right;">&nbsp;2025年3月12日 &nbsp; &nbsp;</p>
 <p>（此件公开发布）</p></td></tr></tbody></table>
 <!--<div class="de_bannerS"><a href="http://example.invalid/">客户端</a></div>-->
 <table><tr><td><a href="#" onclick="window.print()"><img src="print.gif"></a>
 <a href="javascript:window.close()">关闭窗口</a></td></tr></table>
 <div class="de_bannerS"><a href="http://example.invalid/app">下载客户端</a></div>
</div>
"""


def test_gov_fragment_metadata_goes_to_metadata_not_text() -> None:
    result = extract(GOV_FRAGMENT.encode("utf-8"), ".html")
    assert result.metadata == {
        "index_no": "11370200/2025-00042", "subject": "综合政务\\数字政府", "issuer": "东海市人民政府办公厅",
        "date_written": "2025年03月12日", "title": "东海市人民政府办公厅关于推进政务数据共享应用的实施意见",
        "doc_number": "东政办发〔2025〕9号", "date_published": "2025年03月20日",
    }
    assert result.title == result.metadata["title"]
    assert result.text.splitlines() == [
        "各区人民政府，市政府各部门：",
        "一、总体要求",
        "（一）工作目标。到2026年底，市级部门数据共享率达到95%以上。",
        "（二）基本原则。坚持需求导向",
        "坚持安全可控。",
        "任务：建设共享平台；牵头单位：市大数据局",
        "东海市人民政府办公厅",
        "2025年3月12日",
        "（此件公开发布）",
    ]


def test_metadata_cells_holding_label_and_value_go_to_metadata_without_separators() -> None:
    page = """<html><body><table class="meta">
<tr><td>索引号：11330800/2026-00031</td><td>主题分类：城乡建设</td></tr>
<tr><td>发文机关：南屿市住房和城乡建设局</td><td>成文日期：2026年3月2日</td></tr>
<tr><td>文　　号：南建发〔2026〕4号</td><td>发布日期：2026年3月9日</td></tr>
</table><h1>南屿市住房和城乡建设局关于加强老旧小区改造质量管理的通知</h1>
<p>各区住房和城乡建设局：</p><p>一、严格设计审查。改造设计方案应当征求居民意见。</p></body></html>"""
    result = extract(page.encode("utf-8"), ".html")
    assert result.metadata["doc_number"] == "南建发〔2026〕4号"
    assert result.metadata["issuer"] == "南屿市住房和城乡建设局"
    assert result.metadata["index_no"] == "11330800/2026-00031"
    assert "索引号" not in result.text and "南建发" not in result.text  # the table is metadata, not the notice


def test_generic_page_drops_scripts_navigation_and_chrome() -> None:
    page = """<!DOCTYPE html><html><head><meta charset="gb2312"><title>门户网站</title>
    <style>p { color: red }</style><script>var x = "一、不是正文";</script></head><body>
    <nav>首页 | 政务公开</nav><div class="header-menu">网站地图</div>
    <h1>南山区政务服务事项清单管理规定（示例）</h1>
    <div class="article"><p>第一条 为规范政务服务事项清单管理，制定本规定。</p>
    <p>第二条 清单实行动态调整。<!-- 编辑备注：待核 --></p>
    <p>【打印本页】【关闭窗口】</p></div>
    <div class="footer">主办单位：南山区人民政府</div></body></html>"""
    result = extract(page.encode("gb18030"), ".html")
    assert result.title == "南山区政务服务事项清单管理规定（示例）"
    assert result.text.splitlines() == ["第一条 为规范政务服务事项清单管理，制定本规定。", "第二条 清单实行动态调整。"]


def test_a_table_without_header_cells_joins_cells_with_semicolons() -> None:
    page = ("<article><p>第三条 补助标准如下：</p><table><tr><td>一类地区</td><td>每人每月600元。</td></tr>"
            "<tr><td>二类地区</td><td>每人每月500元。</td></tr></table></article>")
    lines = extract(page.encode(), ".htm").text.splitlines()
    assert lines == ["第三条 补助标准如下：", "一类地区；每人每月600元。", "二类地区；每人每月500元。"]


def test_a_header_row_is_guessed_from_short_label_cells() -> None:
    page = ("<body><table><tr><td>救助类别</td><td>救助标准</td></tr>"
            "<tr><td>因病致贫家庭</td><td>每户每次不超过3000元</td></tr></table></body>")
    assert extract(page.encode(), ".html").text == "救助类别：因病致贫家庭；救助标准：每户每次不超过3000元\n"


def test_utf16_page_and_xml_declaration() -> None:
    page = '<?xml version="1.0" encoding="utf-16"?><html><body><p>第一条 总则。</p></body></html>'
    assert extract(page.encode("utf-16"), ".html").text == "第一条 总则。\n"


def test_a_long_content_wrapper_with_a_chrome_word_in_its_id_is_kept() -> None:
    sentence = "本区政务服务中心应当公开办事指南，明确办理条件、申请材料、办理时限和收费标准等事项。"
    article = "".join(f"<p>第{n}条 {sentence}</p>"
                      for n in "一二三四五六七八九十")
    page = f'<body><div id="printContent">{article}</div><div class="share-bar">分享到：微信 微博</div></body>'
    lines = extract(page.encode(), ".html").text.splitlines()
    assert len(lines) == 10 and lines[0].startswith("第一条") and "分享到" not in "".join(lines)


def test_a_merged_cell_fills_every_row_and_column_it_spans() -> None:
    html = ("<html><body><p>第二条 验收按照下表执行：</p><table>"
            "<tr><th>小区类型</th><th>配建比例</th><th>验收部门</th></tr>"
            "<tr><td>商品住宅小区</td><td>百分之百</td><td rowspan='2'>区住房城乡建设局</td></tr>"
            "<tr><td>保障性住房小区</td><td>百分之三十</td></tr>"
            "<tr><td colspan='2'>老旧改造小区另行规定</td><td>街道办事处</td></tr>"
            "</table></body></html>")
    lines = extract(html.encode(), ".html").text.splitlines()
    assert "小区类型：保障性住房小区；配建比例：百分之三十；验收部门：区住房城乡建设局" in lines
    assert any(ln.endswith("验收部门：街道办事处") and "老旧改造小区另行规定" in ln for ln in lines)


def test_a_row_span_is_bounded_and_carried_only_below() -> None:
    from assistant.ingest.formats.html_page import place_row

    row, below = place_row([("甲", 1, 3), ("乙", 2, 1)], {})
    assert row == ["甲", "乙", "乙"] and below == {0: ("甲", 2)}
    row, below = place_row([("丙", 1, 1), ("丁", 1, 1)], below)
    assert row == ["甲", "丙", "丁"] and below == {0: ("甲", 1)}


def test_a_block_of_related_links_is_page_chrome() -> None:
    page = ("<html><body><div class='content'><p>一、总体要求</p><p>（一）工作目标。到2026年建成示范街区10个。</p>"
            "<div class='xgwj'><h3>相关文件</h3><ul><li><a href='/a'>关于开展街区评选的通知</a></li>"
            "<li><a href='/b'>关于夜间经济的指导意见</a></li></ul></div>"
            "<div class='relatedNews'>推荐 <a href='/c'>某地发布新规</a></div></div></body></html>")
    text = extract(page.encode("utf-8"), ".html").text
    assert "建成示范街区10个" in text
    assert "相关文件" not in text and "街区评选" not in text and "某地发布新规" not in text


def test_a_related_links_line_with_its_heading_as_own_text_is_page_chrome() -> None:
    page = ("<html><body><div class='content'><p>十、有疑问找谁咨询？</p><p>答：可以拨打服务热线12345。</p>"
            "<div class='attach'>相关文件：<a href='/z/1.html'>南屿市医疗保障局关于印发《南屿市门诊保障办法》的通知</a>"
            "</div></div></body></html>")
    text = extract(page.encode("utf-8"), ".html").text
    assert "服务热线12345" in text and "相关文件" not in text and "门诊保障办法" not in text


def test_a_heading_like_related_over_text_is_kept() -> None:
    page = ("<html><body><div><h3>相关文件</h3><p>本办法所称相关文件，是指行政机关制发的文件。"
            "相关文件应当公开。</p></div><div><b>相关解读</b><p>这是对条文的解读，并非链接</p></div></body></html>")
    text = extract(page.encode("utf-8"), ".html").text
    assert "本办法所称相关文件" in text and "这是对条文的解读" in text


def test_a_pages_information_line_and_what_stands_above_the_title_leave_the_text() -> None:
    page = """<html><head><meta charset="utf-8"><title>北湖市关于推进夜间经济发展的通知_门户网站</title></head><body>
    <div class="top-bar">今天是：2025年4月2日 无障碍 | English</div>
    <div class="article"><h1>北湖市关于推进夜间经济发展的通知</h1>
    <div class="info">来源：北湖市商务局　发布时间：2025-04-02 09:00　浏览次数：<span>87</span>
    字号：<a>大</a> <a>小</a></div>
    <div class="content"><p>各区人民政府：</p>
    <p>一、统计口径。数据来源：市统计局年度报告。</p>
    <p>二、发展目标。到2026年，建成夜间经济集聚区10个。</p></div></div></body></html>"""
    result = extract(page.encode("utf-8"), ".html")
    assert result.title == "北湖市关于推进夜间经济发展的通知"
    assert result.text.splitlines() == ["各区人民政府：", "一、统计口径。数据来源：市统计局年度报告。",
                                        "二、发展目标。到2026年，建成夜间经济集聚区10个。"]
    assert result.fallback == {"issuer": "北湖市商务局", "date_published": "2025-04-02"}


def test_the_information_line_dates_the_document_when_its_text_does_not() -> None:
    from assistant.ingest.documents import document_from_bytes
    from assistant.ingest.formats.html_page import info_fields

    page = """<html><body><h1>青禾市2025年春季学期转学办事指南</h1>
    <div class="info">来源：青禾市教育局　　发布时间：2025/3/8 10:15　　浏览次数：<span>12</span></div>
    <div class="content"><p>一、办理对象。在本市就读的学生。</p><p>二、办理时限。5个工作日。</p></div></body></html>"""
    meta = document_from_bytes(page.encode(), Path("指南.html")).metadata
    assert (meta.issuer, meta.date_published) == ("青禾市教育局", "2025-03-08")
    signed = page.replace("5个工作日。</p>", "5个工作日。</p><p>青禾市人民政府办公室</p><p>2025年3月1日</p>")
    meta = document_from_bytes(signed.encode(), Path("指南.html")).metadata
    assert meta.issuer == "青禾市人民政府办公室"  # the document's own signature wins over the page's line
    assert info_fields("来源：本站　发布时间：2025年3月8日") == {"date_published": "2025-03-08"}
    assert info_fields("来源：新华社　作者：王某　浏览次数：3") == {}


def test_em_spaces_read_as_the_full_width_space_and_thin_ones_as_spaces() -> None:
    page = "<html><body><p>第五条&emsp;本办法自公布之日起施行。</p><p>室温&thinsp;20&thinsp;℃</p></body></html>"
    text = extract(page.encode(), ".html").text
    assert "第五条\u3000本办法自公布之日起施行。" in text and "室温 20 ℃" in text
