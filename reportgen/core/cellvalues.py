"""Turn what a clerk typed into a cell into a number or a date, or say in Chinese what is wrong.

Each parser returns the value or raises BadValue with a message that says what to type instead.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal, InvalidOperation

from reportgen.core.text import ascii_digits, clean_line


class BadValue(ValueError):
    pass


_EXCEL_EPOCH = dt.datetime(1899, 12, 30)  # day 0 of the 1900 date system, past its phantom 1900-02-29
_EXCEL_EPOCH_1904 = dt.datetime(1904, 1, 1)  # day 0 of the 1904 date system (old Mac workbooks)


def excel_date(serial: float, date1904: bool = False) -> dt.datetime:
    """An Excel date serial number (days since the epoch, a fraction for the time) as a datetime."""
    return (_EXCEL_EPOCH_1904 if date1904 else _EXCEL_EPOCH) + dt.timedelta(days=serial)


def _clean_text(value: str) -> str:
    """A number as typed: ascii_digits, without thousands separators."""
    return ascii_digits(value).replace(",", "").replace("，", "")


# Excel keeps 15 significant digits: from 10^15 on, a number in a cell may not be the one typed
# (an 18-digit ID number becomes 1.10101199001011E+17 and comes back as ...008).
EXACT_LIMIT = 10**15


def _too_long(shown: str) -> str:
    return (
        f"“{shown}”是用科学计数法保存的很长的数字（Excel 只保留15位有效数字，原来的数字已经丢失），不是件数："
        "请核对是否误粘贴了身份证号、编号等长数字，改填0或正整数"
    )


def parse_count(value: object) -> int:
    """A whole number >= 0. Blank is 0."""
    if value is None:
        return 0
    if isinstance(value, bool):
        raise BadValue(f"“{value}”不是数字：请填写0或正整数")
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise BadValue(f"“{value}”不是数字：请填写0或正整数")
        if abs(value) >= EXACT_LIMIT:
            raise BadValue(_too_long(format(value, ".15G")))
        if not value.is_integer():
            raise BadValue(f"“{_plain(value)}”不是整数：件数只能是0或正整数")
        number = int(value)
    elif isinstance(value, str):
        text = _clean_text(value)
        if text == "":
            return 0
        if re.fullmatch(r"-?\d+(\.\d+)?[eE][+-]?\d+", text):
            raise BadValue(_too_long(text.upper()))
        if not re.fullmatch(r"-?\d+(\.0+)?", text):
            if re.fullmatch(r"-?\d+\.\d+", text):
                raise BadValue(f"“{value}”不是整数：件数只能是0或正整数")
            raise BadValue(f"“{value}”不是数字：请只填阿拉伯数字（没有就填0），不要写单位、文字或“/”“—”")
        number = int(Decimal(text))
    elif isinstance(value, (dt.datetime, dt.date, dt.time)):
        raise BadValue("这里是日期格式：请把单元格格式改为“常规”或“数值”，再填写件数")
    else:
        raise BadValue(f"“{value}”不是数字：请填写0或正整数")
    if number < 0:
        raise BadValue(f"“{number}”是负数：件数只能是0或正整数")
    return number


def _plain(value: float) -> str:
    """Shortest text of a float without exponent or float noise (19.990000000000002 -> 19.99)."""
    d = Decimal(repr(value))
    if d.as_tuple().exponent < -10:  # noise from a computed cell
        d = round(d, 10)
    text = format(d.normalize(), "f")
    return text if text != "-0" else "0"


def parse_amount(value: object) -> tuple[Decimal, str]:
    """A decimal >= 0 (万元), returned with the text to print: as entered, without float noise."""
    if value is None:
        return Decimal(0), "0"
    if isinstance(value, bool) or isinstance(value, (dt.datetime, dt.date, dt.time)):
        raise BadValue(f"“{value}”不是金额：请填写数字，单位万元，没有就填0")
    if isinstance(value, float) and not math.isfinite(value):
        raise BadValue(f"“{value}”不是金额：请填写数字，单位万元，没有就填0")
    if isinstance(value, (int, float)):
        text = _plain(float(value)) if isinstance(value, float) else str(value)
    elif isinstance(value, str):
        text = _clean_text(value)
        if text == "":
            return Decimal(0), "0"
        if not re.fullmatch(r"-?(\d+(\.\d*)?|\.\d+)", text):
            raise BadValue(f"“{value}”不是金额：请只填数字（单位万元，没有就填0），不要写“万元”等文字")
        if text.startswith("."):
            text = "0" + text
        text = text.rstrip(".")
    else:
        raise BadValue(f"“{value}”不是金额：请填写数字，单位万元")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise BadValue(f"“{value}”不是金额：请填写数字，单位万元") from None
    if amount < 0:
        raise BadValue(f"“{text}”是负数：金额只能是0或正数")
    return amount, text


_DATE_TEXT = re.compile(
    r"(\d{4})\s*(?:年|[.\-/．／])\s*(\d{1,2})\s*(?:月|[.\-/．／])\s*(\d{1,2})\s*日?"
)
_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _cn_number(text: str) -> int | None:
    """二〇二六 -> 2026, 十九 -> 19, 一 -> 1 (dates some clerks copy from printed documents)."""
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)
    return int("".join(str(_CN_DIGITS[ch]) for ch in text))


SIGNED_DAY = (1, 19)  # the examples' 成文日期: in January after the report's year, before the deadline
EXAMPLE_YEAR = 2025  # the year the examples assume when the report's own year is not known


def example_date(year: int | None = None) -> str:
    """The 成文日期 the examples show for a report of `year` (2025 -> 2026年1月19日): a date that is
    itself right for that report, never one the DATE rule refuses."""
    month, day = SIGNED_DAY
    return f"{(year or EXAMPLE_YEAR) + 1}年{month}月{day}日"


def parse_date(value: object, year: int | None = None) -> dt.date:
    """An Excel date, an Excel serial number, or text such as 2026年1月19日 / 2026.1.19 / 2026-01-19;
    the message for anything else shows the example of the report's `year`."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 30000 <= value <= 80000:  # an Excel serial that lost its date format (1982..2119)
            return excel_date(value).date()
        raise BadValue(f"“{value}”不是日期：请填写例如 {example_date(year)}")
    if isinstance(value, str):
        text = ascii_digits(value)
        m = _DATE_TEXT.fullmatch(text)
        if m:
            y, mo, d = (int(g) for g in m.groups())
        else:
            m = re.fullmatch(r"(.+)年(.+)月(.+)日", text)
            parts = [_cn_number(g) for g in m.groups()] if m else [None]
            if None in parts:
                raise BadValue(f"“{value}”不是日期：请填写例如 {example_date(year)}")
            y, mo, d = parts  # type: ignore[misc]
        try:
            return dt.date(y, mo, d)
        except ValueError:
            raise BadValue(f"“{value}”不是有效日期（没有这一天）：请检查年月日") from None
    raise BadValue(f"请填写成文日期，例如 {example_date(year)}")


def parse_year(value: object) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        year = value
    elif isinstance(value, str) and re.fullmatch(r"\d{4}年?(度)?", _clean_text(value)):
        year = int(_clean_text(value)[:4])
    elif isinstance(value, (dt.date, dt.datetime)):
        year = value.year
    else:
        raise BadValue(f"“{value}”不是年份：请填写四位数字，例如 2025")
    if not 2008 <= year <= 2100:
        raise BadValue(f"“{year}”不像报告年度：请填写四位数字，例如 2025")
    return year


def parse_yes_no(value: object) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    text = _clean_text(str(value)).lower()
    if text in ("是", "有", "y", "yes", "true", "1"):
        return True
    if text in ("否", "无", "不", "n", "no", "false", "0", ""):
        return False
    raise BadValue(f"“{value}”看不懂：请填“是”或“否”")


def clean_text(value: object) -> str:
    """Text of a facts cell: trimmed, OOXML escapes such as _x000D_ and XML-illegal characters removed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_line(str(value))
