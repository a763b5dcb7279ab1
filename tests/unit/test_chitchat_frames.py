"""Small talk and answer frames (pure): greetings get an introduction; frames follow the question's language."""

from __future__ import annotations

import pytest

from assistant.answer.chitchat import example_questions, introduction, is_chitchat, without_small_talk
from assistant.answer.frames import frame, language


@pytest.mark.parametrize("text", ["你好", "您好！", "谢谢", "謝謝您", "再见～", "你是谁？", "Hello!", "thank you",
                                  "谢谢，辛苦了！", "你好，你是谁？", "Thanks, bye!",  # several phrases too
                                  "谢谢你的帮助！", "謝謝你的幫助！", "非常感谢", "hi there", "Thanks for your help!",
                                  "你们有什么文件", "您好，請問你們有哪些文件？", "现在有几个文件",
                                  "早上好，请问你能做什么？", "你好，你可以做什么",
                                  "你是谁？能做什么？", "你可以回答哪些问题", "你好，你能帮我做些什么",
                                  "你都能回答哪些文件的问题？", "你能解答哪方面的问题",
                                  "谢谢，你都能帮我做些什么？", "你还能为我做什么", "你可以干啥",
                                  "你可以帮我做哪些事情", "那你还能帮我干点啥", "谢谢你，还有别的功能吗",
                                  "What can you do for me?", "Thanks, what else can you help me with?"])
def test_greetings_and_thanks_are_small_talk(text: str) -> None:
    assert is_chitchat(text)


@pytest.mark.parametrize("text", ["你好，罚款的最高限额是多少", "谢谢你告诉我听证的期限，那复议呢",
                                  "Hello, what is the fine?", "你们有什么文件要求", "申请需要哪些文件",
                                  "养老机构能做什么", "第十条能做什么", "执法人员能回答哪些问题",
                                  "你能帮我查一下补贴标准吗", "谢谢，还能帮我查一下公示几天吗"])
def test_a_question_after_a_greeting_is_not_small_talk(text: str) -> None:
    assert not is_chitchat(text)


@pytest.mark.parametrize(("text", "question"), [
    ("谢谢，再问一下公示几天", "公示几天"), ("你好！请问补贴标准是多少？", "补贴标准是多少？"),
    ("明白了，还想问一下谁负责解释", "谁负责解释"), ("谢谢你的帮助。另外，第三条讲了什么", "第三条讲了什么"),
    ("你好 第五条讲了什么", "第五条讲了什么"), ("Thank you very much, how long is it?", "how long is it?"),
    ("谢谢", "谢谢"), ("你好，你是谁", "你好，你是谁"), ("请问公示几天", "请问公示几天"),  # small talk only, or none
    ("谢谢你告诉我听证的期限，那复议呢", "谢谢你告诉我听证的期限，那复议呢"),
    ("你能帮我查一下补贴标准吗", "补贴标准"), ("你能幫我查一下補貼標準嗎？", "補貼標準"),  # a request to look it up
    ("谢谢，麻烦帮我看看申请条件", "申请条件"), ("你能帮我做个表吗", "你能帮我做个表吗"),
    ("谢谢你，还有别的功能吗", "谢谢你，还有别的功能吗")])  # small talk whole: the introduction
def test_the_question_after_small_talk(text: str, question: str) -> None:
    assert without_small_talk(text) == question


def test_the_introduction_names_the_documents_and_offers_examples_from_each() -> None:
    units = [("清河市停车条例", "chapter", "第一章", "总则"), ("清河市停车条例", "chapter", "第二章", "规划与建设"),
             ("关于推进数字档案的实施方案", "task", "（一）", "建设档案数据库"),
             ("关于推进数字档案的实施方案", "task", "（二）", "完善制度")]
    examples = example_questions(units)
    assert len(examples) == 3
    assert any("停车条例" in q for q in examples) and any("建设档案数据库" in q for q in examples)
    text = introduction(["清河市停车条例", "关于推进数字档案的实施方案"], examples, "zh-Hans")
    assert "《清河市停车条例》" in text and all(q in text for q in examples)


def test_a_law_with_neither_titles_nor_chapters_offers_its_articles() -> None:
    units = [("清河市犬只管理规定", "article", f"第{n}条", "") for n in "一二三四"]
    assert example_questions(units) == [f"《清河市犬只管理规定》第{n}条讲了什么？" for n in "二三四"]
    titled = [*units, ("清河市停车条例", "chapter", "第二章", "")]
    assert "《清河市停车条例》第二章讲了什么？" in example_questions(titled)  # articles only as a fallback


def test_examples_are_worded_in_the_language_of_the_greeting() -> None:
    units = [("清河市停车条例", "chapter", "第二章", "规划与建设"),
             ("关于推进数字档案的实施方案", "task", "（一）", "建设档案数据库")]
    english = example_questions(units, lang="en")
    assert english == ["What does 第二章 of 《清河市停车条例》 say?", 'What is required on "建设档案数据库"?']
    assert all(language(q) == "en" for q in english)  # asked back, they are answered in English
    traditional = example_questions(units, lang="zh-Hant")
    assert traditional[1].startswith("關於“建设档案数据库”")  # the frame converted, the title verbatim


@pytest.mark.parametrize(("question", "lang"), [
    ("罚款最多多少？", "zh-Hans"), ("罰款最多多少？", "zh-Hant"), ("What is the maximum fine?", "en"),
    ("123", "zh-Hans"), ("What does 第十三条 of 《清河市停车条例》 say?", "en"), ("《停车条例》第十三条 say", "en"),
    ("《停车条例》第十三条讲了什么", "zh-Hans"), ("第13条", "zh-Hans")])
def test_the_language_of_a_question(question: str, lang: str) -> None:
    assert language(question) == lang


def test_frames_follow_the_language_and_keep_values_verbatim() -> None:
    assert frame("sources", "en") == "Sources"
    assert frame("sources", "zh-Hant") == "出處"
    hant = frame("unknown_document", "zh-Hant", names="《数据安全法》", loaded="《清河市停车条例》")
    assert "《数据安全法》" in hant and "《清河市停车条例》" in hant and "沒有" in hant


def test_thanks_are_answered_you_are_welcome_not_hello() -> None:
    from assistant.answer.chitchat import introduction, thanks

    assert thanks("谢谢你") and thanks("辛苦了") and thanks("Thank you!") and not thanks("你好")
    text = introduction(["某市停车条例"], ["第二章讲了什么？"], "zh-Hans", welcome=True)
    assert text.startswith("不客气！我是政策问答助手") and "您好" not in text
    assert introduction(["某市停车条例"], [], "en", welcome=True).startswith("You're welcome! I am")


def test_goodbye_gets_a_goodbye_and_an_empty_or_symbol_question_is_an_error() -> None:
    from assistant.answer.chitchat import farewell
    from assistant.errors import InvalidQuestionError
    from assistant.validation import validate_question

    assert farewell("再见！") and farewell("Bye") and not farewell("你好") and not farewell("谢谢，再见")
    assert frame("farewell", "zh-Hans").startswith("再见") and frame("farewell", "en").startswith("Goodbye")
    for text in ("😀🐶？？", "？？？", "   "):
        with pytest.raises(InvalidQuestionError, match="问题不能为空"):
            validate_question(text, 500)
    assert validate_question("第5条？", 500) == "第5条？"
