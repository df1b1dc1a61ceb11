#!/usr/bin/env python3
"""Independent check of the govdx demo seeds (seeds/catalog + seeds/data).

Re-implements the check-digit algorithms from the standards (not from the Java generator) and checks:
  * every identifier in the valid data files (GB 11643 resident ids, GB 32100 USCCs with the embedded
    GB 11714 organisation code, mainland mobile numbers, Suzhou division codes, real ISO dates);
  * every cell against its catalog field (type, data element validator, required) and key uniqueness;
  * references between files (insured persons, vaccinees -> residents; employers, inspected businesses -> licences);
  * the catalog itself (exact key sets, allowed values, rule 2: an OPEN dataset has only OPEN fields,
    legalBasis present when anything is RESTRICTED/FORBIDDEN, CSV header == field list);
  * residents-with-errors.csv: exactly the rows listed in residents-with-errors.expected.csv fail, the rest pass.
With --determinism it also runs the generator twice into temporary directories and compares the bytes.

Usage (from the repository root):  python3 seeds/tools/verify_demo_data.py [--determinism]
"""
import csv
import datetime
import filecmp
import json
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # seeds/
DATA = os.path.join(ROOT, "data")
CATALOG = os.path.join(ROOT, "catalog")

SUZHOU = {"320505", "320506", "320507", "320508", "320509", "320581", "320582", "320583", "320585"}
DEPARTMENTS = {"civil-affairs", "health", "public-security", "transport", "market-regulation", "hrss"}
TYPES = {"STRING", "INTEGER", "DECIMAL", "DATE", "BOOLEAN", "ENUM"}
VALIDATORS = {"RESIDENT_ID", "USCC", "MOBILE", "DIVISION_CODE", "DATE", "ENUM", "NONE", "PATTERN"}
FREQUENCIES = {"REAL_TIME", "DAILY", "WEEKLY", "MONTHLY", "QUARTERLY", "YEARLY", "ON_CHANGE"}
CLASSES = {"OPEN", "RESTRICTED", "FORBIDDEN"}
CATEGORIES = {"population", "market-supervision", "social-security", "transport", "health"}
# the canonical masking-rule syntax of sharing-rules (org.govdx.rules.masking.MaskingRule)
MASKINGS = {"none", "redact", "partial(first=1,last=0)", "partial(first=0,last=4)", "pseudonym", "resident_id", "mobile",
            "uscc", "chinese_name", "address", "generalize(date:year)", "generalize(date:month)", "generalize(number:1000)",
            "generalize(division:city)"}
DE_KEYS = {"code", "nameZh", "nameEn", "definition", "type", "validator", "pattern", "enumValues", "collectionFrequency",
           "sourceDepartment"}
DS_KEYS = {"code", "ownerDepartment", "titleZh", "titleEn", "description", "keywords", "category", "updateFrequency",
           "legalBasis", "classification", "distribution", "dataFile", "fields"}
FIELD_KEYS = {"name", "titleZh", "titleEn", "type", "dataElement", "fieldClass", "defaultMasking", "key", "required"}
AS_OF = datetime.date(2025, 6, 30)

failures = []


def fail(msg):
    failures.append(msg)
    if len(failures) <= 40:
        print("FAIL:", msg)


# ---------------------------------------------------------------- algorithms (from the standards)

def real_date(s):
    """yyyymmdd or yyyy-mm-dd -> date, or None."""
    m = re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})", s)
    if not m or ("-" in s and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s)):
        return None
    try:
        return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def gb11643_ok(s):
    if not re.fullmatch(r"\d{17}[\dX]", s):
        return False
    if real_date(s[6:14]) is None:
        return False
    weights = [2 ** (17 - i) % 11 for i in range(17)]  # 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2
    total = sum(int(c) * w for c, w in zip(s[:17], weights))
    check = (12 - total % 11) % 11  # ISO 7064 MOD 11-2
    return s[17] == ("X" if check == 10 else str(check))


USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def gb11714_ok(code9):
    def val(c):
        return int(c) if c.isdigit() else ord(c) - ord("A") + 10
    total = sum(val(c) * w for c, w in zip(code9[:8], [3, 7, 9, 10, 5, 8, 4, 2]))
    c9 = 11 - total % 11
    return code9[8] == {10: "X", 11: "0"}.get(c9, str(c9))


def gb32100_ok(s):
    if len(s) != 18 or any(c not in USCC_CHARS for c in s):
        return False
    if s[0] != "9" or s[1] not in "123" or not s[2:8].isdigit():
        return False
    if not gb11714_ok(s[8:17]):
        return False
    weights = [3 ** i % 31 for i in range(17)]  # 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(s[:17], weights))
    return s[17] == USCC_CHARS[(31 - total % 31) % 31]


def mobile_ok(s):
    return re.fullmatch(r"1(3\d|4[5-9]|5[0-35-9]|66|7[0-8]|8\d|9[0-35-9])\d{8}", s) is not None


assert gb11643_ok("11010519491231002X") and not gb11643_ok("110105194912310021")
assert gb32100_ok("91350100M000100Y43") and gb32100_ok("9144030071526726XG") and not gb32100_ok("9144030071526726XH")
assert [2 ** (17 - i) % 11 for i in range(17)] == [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
assert [3 ** i % 31 for i in range(17)] == [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


# ---------------------------------------------------------------- catalog

def load_catalog():
    elements = json.load(open(os.path.join(CATALOG, "data-elements.json"), encoding="utf-8"))
    by_code = {}
    for e in elements:
        if set(e) != DE_KEYS:
            fail(f"data element keys {sorted(set(e) ^ DE_KEYS)} in {e.get('code')}")
        if e["code"] in by_code:
            fail("duplicate data element " + e["code"])
        by_code[e["code"]] = e
        if e["type"] not in TYPES or e["validator"] not in VALIDATORS or e["collectionFrequency"] not in FREQUENCIES:
            fail("data element enum value " + e["code"])
        if e["sourceDepartment"] is not None and e["sourceDepartment"] not in DEPARTMENTS:
            fail("data element source department " + e["code"])
        if (e["pattern"] is not None) != (e["validator"] == "PATTERN"):
            fail("pattern iff PATTERN " + e["code"])
        if e["pattern"] is not None:
            re.compile(e["pattern"])
        if (e["enumValues"] is not None) != (e["validator"] == "ENUM") or (e["type"] == "ENUM") != (e["validator"] == "ENUM"):
            fail("enumValues iff ENUM " + e["code"])
    datasets = []
    for name in sorted(os.listdir(os.path.join(CATALOG, "datasets"))):
        d = json.load(open(os.path.join(CATALOG, "datasets", name), encoding="utf-8"))
        datasets.append(d)
        code = d.get("code")
        if set(d) != DS_KEYS:
            fail(f"dataset keys {sorted(set(d) ^ DS_KEYS)} in {name}")
        if name != code + ".json":
            fail("dataset file name " + name)
        if d["ownerDepartment"] not in DEPARTMENTS or d["category"] not in CATEGORIES or d["updateFrequency"] not in FREQUENCIES:
            fail("dataset enum value " + code)
        if d["classification"] not in CLASSES or d["distribution"] != "HOSTED":
            fail("dataset class/distribution " + code)
        if not isinstance(d["keywords"], list) or not d["keywords"]:
            fail("keywords " + code)
        if not any(k for f in d["fields"] for k in [f["key"]]):
            fail("no key field " + code)
        classes = {f["fieldClass"] for f in d["fields"]}
        if d["classification"] == "OPEN" and classes != {"OPEN"}:
            fail("rule 2: OPEN dataset with non-OPEN fields " + code)
        needs_basis = d["classification"] != "OPEN" or classes != {"OPEN"}
        if needs_basis and not (d["legalBasis"] or "").strip():
            fail("legalBasis missing " + code)
        for f in d["fields"]:
            if set(f) != FIELD_KEYS:
                fail(f"field keys {sorted(set(f) ^ FIELD_KEYS)} in {code}.{f.get('name')}")
            if f["type"] not in TYPES or f["fieldClass"] not in CLASSES or f["defaultMasking"] not in MASKINGS:
                fail(f"field enum value {code}.{f['name']}")
            if not isinstance(f["key"], bool) or not isinstance(f["required"], bool) or (f["key"] and not f["required"]):
                fail(f"key/required {code}.{f['name']}")
            if f["dataElement"] is not None:
                e = by_code.get(f["dataElement"])
                if e is None:
                    fail(f"unknown data element {code}.{f['name']}")
                elif e["type"] != f["type"]:
                    fail(f"type differs from data element {code}.{f['name']}")
            if f["type"] == "ENUM" and f["dataElement"] is None:
                fail(f"ENUM field without an ENUM data element {code}.{f['name']}")
            if f["fieldClass"] == "FORBIDDEN" and f["defaultMasking"] not in ("redact", "pseudonym"):
                fail(f"FORBIDDEN field must be redacted or pseudonymised {code}.{f['name']}")
    return by_code, datasets


# ---------------------------------------------------------------- cells

def cell_errors(value, field, element):
    """Errors of one cell against its field and data element."""
    if value.strip() == "":
        return ["REQUIRED_MISSING"] if field["required"] else []
    t = field["type"]
    if t == "INTEGER" and not re.fullmatch(r"-?\d+", value):
        return ["INVALID_INTEGER"]
    if t == "DECIMAL" and not re.fullmatch(r"-?\d+(\.\d+)?", value):
        return ["INVALID_DECIMAL"]
    if t == "DATE" and (not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) or real_date(value) is None):
        return ["INVALID_DATE"]
    if t == "BOOLEAN" and value not in ("true", "false"):
        return ["INVALID_BOOLEAN"]
    if element is None:
        return []
    v = element["validator"]
    if v == "RESIDENT_ID":
        if not re.fullmatch(r"\d{17}[\dX]", value):
            return ["INVALID_FORMAT"]
        if real_date(value[6:14]) is None:
            return ["INVALID_DATE"]
        return [] if gb11643_ok(value) else ["INVALID_CHECK_DIGIT"]
    if v == "USCC":
        return [] if gb32100_ok(value) else ["INVALID_USCC"]
    if v == "MOBILE":
        return [] if mobile_ok(value) else ["INVALID_MOBILE"]
    if v == "DIVISION_CODE":
        return [] if value in SUZHOU else ["INVALID_DIVISION_CODE"]
    if v == "DATE":
        return [] if real_date(value) else ["INVALID_DATE"]
    if v == "ENUM":
        return [] if value in element["enumValues"] else ["INVALID_ENUM"]
    if v == "PATTERN":
        return [] if re.fullmatch(element["pattern"], value) else ["PATTERN_MISMATCH"]
    return []


def read_csv(name):
    with open(os.path.join(DATA, name), encoding="utf-8", newline="") as fh:
        raw = fh.read()
    if raw.startswith("\ufeff"):
        fail(name + " has a BOM")
    rows = list(csv.reader(raw.splitlines()))
    return rows[0], rows[1:]


def row_errors(header, row, dataset, elements, seen_keys):
    errs = []
    fields = dataset["fields"]
    for i, f in enumerate(fields):
        for e in cell_errors(row[i], f, elements.get(f["dataElement"])):
            errs.append((f["name"], e))
    key = tuple(row[i] for i, f in enumerate(fields) if f["key"])
    if not errs:
        if key in seen_keys:
            errs.append(([f["name"] for f in fields if f["key"]][0], "DUPLICATE_KEY"))
        seen_keys.add(key)
    return errs


def main():
    elements, datasets = load_catalog()
    tables = {}
    total_size = 0
    for d in datasets:
        header, rows = read_csv(d["dataFile"])
        total_size += os.path.getsize(os.path.join(DATA, d["dataFile"]))
        if header != [f["name"] for f in d["fields"]]:
            fail(f"{d['dataFile']} header {header} != catalog fields")
            continue
        seen = set()
        bad = 0
        for n, row in enumerate(rows, start=2):
            if len(row) != len(header):
                fail(f"{d['dataFile']}:{n} has {len(row)} columns")
                continue
            errs = row_errors(header, row, d, elements, seen)
            if errs:
                bad += 1
                fail(f"{d['dataFile']}:{n} {errs}")
        tables[d["dataFile"]] = [dict(zip(header, r)) for r in rows]
        print(f"{d['code']:32} {d['classification']:10} {d['dataFile']:32} {len(rows):5} rows, {bad} invalid")

    # dataset-specific consistency
    residents = {r["resident_id"]: r for r in tables["residents.csv"]}
    for r in residents.values():
        if r["resident_id"][6:14] != r["birth_date"].replace("-", ""):
            fail("birth date differs from id " + r["resident_id"])
        if (int(r["resident_id"][16]) % 2 == 1) != (r["sex"] == "男"):
            fail("sex differs from id " + r["resident_id"])
        if not ("1940-01-01" <= r["birth_date"] <= "2010-12-31"):
            fail("birth date out of 1940-2010 " + r["resident_id"])
        if not (r["birth_date"] <= r["registered_date"] <= AS_OF.isoformat()):
            fail("registered_date " + r["resident_id"])
    mobiles = [r["mobile"] for r in residents.values() if r["mobile"]]
    if len(mobiles) != len(set(mobiles)):
        fail("duplicate mobile numbers")
    licences = {r["uscc"]: r for r in tables["business-licences.csv"]}
    for r in licences.values():
        if r["uscc"][2:8] != r["district_code"]:
            fail("uscc division differs from district " + r["uscc"])
        if not gb11643_ok(r["legal_rep_id"]):
            fail("legal rep id " + r["legal_rep_id"])
    for r in tables["social-insurance-payments.csv"]:
        if r["resident_id"] not in residents or r["employer_uscc"] not in licences:
            fail("dangling social insurance reference " + str(r))
        if not ("2024-01" <= r["period"] <= "2025-12"):
            fail("period out of 2024-2025 " + r["period"])
    for r in tables["food-safety-inspections.csv"]:
        lic = licences.get(r["business_uscc"])
        if lic is None or lic["company_name"] != r["business_name"]:
            fail("food inspection business " + r["inspection_id"])
        if (r["result"] == "合格") != (r["failed_item"] == ""):
            fail("failed_item vs result " + r["inspection_id"])
    for r in tables["health-vaccinations.csv"]:
        if r["resident_id"] not in residents:
            fail("dangling vaccinee " + r["resident_id"])
        elif r["vaccination_date"] < residents[r["resident_id"]]["birth_date"]:
            fail("vaccinated before birth " + r["resident_id"])

    # the upload sample with deliberate errors
    ds = next(d for d in datasets if d["code"] == "MCA-RESIDENTS")
    header, rows = read_csv("residents-with-errors.csv")
    _, expected_rows = read_csv("residents-with-errors.expected.csv")
    expected = {}
    for line, rid, field, code, note in expected_rows:
        expected.setdefault(int(line), set()).add(field)
    seen = set()
    flagged = set()
    for n, row in enumerate(rows, start=2):
        errs = row_errors(header, row, ds, elements, seen)
        if not errs and row[0][6:14] != row[3].replace("-", ""):
            errs.append(("birth_date", "INCONSISTENT_WITH_ID"))
        if errs:
            flagged.add(n)
            if n not in expected:
                fail(f"residents-with-errors.csv:{n} fails but is not expected to: {errs}")
            elif {f for f, _ in errs} != expected[n]:
                fail(f"residents-with-errors.csv:{n} flagged fields {errs} != expected {expected[n]}")
        if row[0] in residents:
            fail(f"residents-with-errors.csv:{n} reuses a register id")
    for n in expected:
        if n not in flagged:
            fail(f"residents-with-errors.csv:{n} is expected to fail but passes")
    print(f"residents-with-errors.csv: {len(rows)} rows, {len(flagged)} fail (expected {len(expected)})")

    if total_size > 3 * 1024 * 1024:
        fail(f"data files total {total_size} bytes > 3 MB")
    print(f"valid data files: {total_size} bytes")

    if "--determinism" in sys.argv:
        repo = os.path.dirname(ROOT)
        with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
            for out in (a, b):
                subprocess.run(["java", "seeds/tools/GenerateDemoData.java", out], cwd=repo, check=True, stdout=subprocess.DEVNULL)
            names = sorted(os.listdir(a))
            if names != sorted(os.listdir(b)) or names != sorted(x for x in os.listdir(DATA) if x.endswith(".csv")):
                fail("generator output file sets differ")
            _, mismatch, errors = filecmp.cmpfiles(a, b, names, shallow=False)
            _, mismatch2, errors2 = filecmp.cmpfiles(a, DATA, names, shallow=False)
            if mismatch or errors or mismatch2 or errors2:
                fail(f"not deterministic / committed files stale: {mismatch + errors + mismatch2 + errors2}")
            else:
                print("determinism: two runs byte-identical and equal to the committed seeds/data")

    if failures:
        print(f"{len(failures)} failure(s)")
        sys.exit(1)
    print("all checks passed")


if __name__ == "__main__":
    main()
