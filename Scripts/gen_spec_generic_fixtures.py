#!/usr/bin/env python3
"""Generate the reference's answers for the generic fixtures, with bioimageio.spec 0.5.14.3:

* Fixtures/spec/generic/leaf-cases.json: what it says of small YAML values for the shared leaf
  types and nodes (Identifier, Version, Datetime, FileSource, Author, ...);
* Fixtures/spec/generic/docs-verdicts.json: the format-only validation summary (status, errors,
  warnings; locations normalised) of every hand-written description in Fixtures/spec/generic/docs/;
* Fixtures/spec/generic/corpus-latest.json: for every non-model 0.2 corpus file (../shared/corpus,
  if present), the summary of loading it with format_version="latest" (the 0.2 -> 0.3.4 update):
  status, format version reached, normalised error locations.

Each case is {kind, yaml, value | null, errors: [{loc, msg, type}]}; `yaml` is the text after `v: `,
read with the reference's YAML loader (ruyaml, typ="safe"); `loc` is normalised as
shared/notes/oracle/normalize_loc.py does. `value` is the reference's JSON serialisation.

Usage: $VENV/bin/python Scripts/gen_spec_generic_fixtures.py
"""
import json, re
from pathlib import Path

from pydantic import BaseModel, TypeAdapter, ValidationError
from ruyaml import YAML

from bioimageio.spec._internal.io_basics import Sha256
from bioimageio.spec._internal.types import Datetime, Doi, FileSource, HttpUrl, Identifier, OrcidId, SiUnit, Version
from bioimageio.spec._internal.validation_context import ValidationContext
import bioimageio.spec.generic.v0_2 as g2
import bioimageio.spec.generic.v0_3 as g3
from bioimageio.spec.model.v0_5 import AxisId, TensorId

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "Fixtures/spec/generic/leaf-cases.json"
_INTERNAL = re.compile(r"^(function-(after|before|wrap|plain)\[|constrained-|json-or-python\[|lax-or-strict\[|literal\[|nullable\[|chain\[|union\[|list\[|tuple\[)")


def normalize(loc):
    return ".".join(str(s) for s in loc if isinstance(s, int) or not (_INTERNAL.match(s) or s[:1].isupper()))


class License(BaseModel):
    v: g3.GenericModelDescrBase.model_fields["license"].annotation = None


class Cover(BaseModel):
    v: g3._FileDescr_cover


class Documentation(BaseModel):
    v: g3.FileDescr_documentation


KINDS = {
    "identifier": Identifier, "tensor_id": TensorId, "axis_id": AxisId, "resource_id": g3.ResourceId,
    "resource_id_legacy": g2.ResourceId, "version": Version, "datetime": Datetime, "sha256": Sha256,
    "http_url": HttpUrl, "file_source": FileSource, "orcid": OrcidId, "doi": Doi, "si_unit": SiUnit,
    "author": g3.Author, "author_legacy": g2.Author, "maintainer": g3.Maintainer, "cite": g3.CiteEntry,
    "cite_legacy": g2.CiteEntry, "uploader": g3.Uploader, "badge": g3.BadgeDescr, "linked": g3.LinkedResource,
    "linked_legacy": g2.LinkedResource,
}
WRAPPED = {"license": License, "cover": Cover, "documentation": Documentation}

CASES = {
    "identifier": ["abc", "_x1", "1x", "class", "match", "''", "µm", "a-b", "5", "ä_b"],
    "tensor_id": ["raw", "Raw", "abcdefghijabcdefghijabcdefghijab", "abcdefghijabcdefghijabcdefghijabc", "None"],
    "axis_id": ["C", "Y", "b", "T", "I", "S", "abcdefghijabcdefg", "1x", "''", "yield"],
    "resource_id": ["affable-shark", "Affable Shark", "/abc", "abc/", "''", "10.5281/zenodo.5764892/5764893", "AbC"],
    "resource_id_legacy": ["Affable-Shark", "ilastik/ilastik", "a b", "/x"],
    "version": ["abc", "1.2", "1.10", "3", "'1.0.0-beta'", "v1.2", "'1.2.0'", "1!2.0.post1.dev3+local.1", "'1.0 beta'", "true", "~"],
    "datetime": ["yesterday", "'2019-12-11'", "'2019-12-11T12:22:32+02:00'", "'2019-12-11 12:22:32'", "'2019-12-11T0:22:32'",
                 "5", "2019-12-11T12:22:32", "2019-12-11 12:22:32 +02:00", "'2019-W02-3'", "'2019-032'", "'20191211'",
                 "'2019-13-01'", "'2019-02-30'", "'2019-12-11T12:22:32.123Z'", "'2019-12-11T24:00:00'", "'2019-12-11T12:22:32+0530'",
                 "'2019-12-11T12'", "'2019-12'", "'2019'", "'2019-12-11T12:22:32+25'", "2019-12-11"],
    "sha256": ["abc", "' " + "AB" * 32 + " '", "'" + "a" * 65 + "'", "'" + "g" * 64 + "'", "12"],
    "http_url": ["abc", "ftp://a.com/x", "'https://'", "https://a.com/x y", "5", "https://A.COM", "https://a.com:8080/p?q=1#f",
                 "'http://a.com:99999'", "'https://a b.com'", "'https://zenodo.org/api/records/1/files/a.md/content'"],
    "file_source": ["abc.md", "/abs/x.md", "https:/x", "''", "5", "http://a", "./a/../b.md", "'http://'", "ftp://x/y.md", "C:\\\\x.md", "'a//b/./c.md'"],
    "orcid": ["0000-0002-1825-0097", "0000-0002-1825-0098", "0000-0001-5109-378X", "0000000218250097", "12"],
    "doi": ["10.1234/abc", "https://doi.org/10.1234/abc", "10.123/abc", "'10.1234'", "10.12345"],
    "si_unit": ["m/s^2", "furlong", "µm", "'m * s'", "mm", "kg·m^-2", "'m/s^-2'", "''"],
    "license": ["MIT", "GPL-2.0", "foo", "5", "{source: LICENSE.txt}", "{source: rdf.yaml}", "'MIT OR Apache-2.0'"],
    "cover": ["{source: cover.png}", "{source: cover.PNG}", "{source: cover.tif}", "{source: cover}", "cover.png",
              "{source: 'https://zenodo.org/api/records/1/files/c.jpg/content'}", "{source: c.md, sha256: abc}", "{source: a.png, x: 1}"],
    "documentation": ["{source: README.md}", "{source: README.MD}", "{source: rdf.yaml}", "{source: 'https://a.com/README.md'}",
                      "{source: 'https://a.com/docs'}", "{source: README.md.txt}"],
    "author": ["{name: a/b}", "{name: 'Constantin Pape', github_user: 'Constantin Pape'}", "Jane", "{name: x, email: bad}",
               "{name: x, foo: 1}", "{name: x, orcid: 0000-0002-1825-0097, affiliation: EMBL, email: a@b.com}", "{affiliation: x}",
               "{name: x, email: 'a@b'}", "{name: x, email: '@b.com'}", "{name: x, email: 'a b@c.com'}", "{name: x, email: 'a@'}"],
    "author_legacy": ["{name: a/b}", "{name: 'x', github_user: 'Constantin Pape'}", "{name: 5}"],
    "maintainer": ["{name: x}", "{github_user: y}", "{github_user: y, name: 'a\\\\b'}"],
    "cite": ["{text: x}", "{text: x, url: abc}", "{text: x, doi: 'https://doi.org/10.1234/x'}", "{text: x, doi: 10.1234/x}",
             "{text: x, url: 'https://a.com'}", "{doi: 10.1234/x}", "{text: x, doi: ''}"],
    "cite_legacy": ["{text: x, doi: 'https://doi.org/10.1234/x'}", "{text: x, url: abc}", "{text: x}", "{text: x, doi: 'http://dx.doi.org/10.1234/x'}"],
    "uploader": ["{email: a@b.com, name: a/b}", "{name: a}", "{email: bad}"],
    "badge": ["{label: x, url: 'https://a.com', icon: rdf.yaml}", "{label: x, url: 'https://a.com', icon: icon.png}",
              "{label: x, url: 'https://a.com', icon: 5}", "{label: x, url: 'https://a.com', icon: 'https://a.com/i.svg'}", "{label: x}"],
    "linked": ["{id: abc, version_number: 2}", "{id: Abc}", "{id: abc, version: 1.2}", "{id: abc, version: '1.2', version_number: 3}", "{version: 1}"],
    "linked_legacy": ["{id: Abc, version_number: 2}", "{id: abc, version: 2}", "{id: abc, version_number: x}"],
}


def run(kind, text):
    data = YAML(typ="safe").load(f"v: {text}\n")["v"]
    with ValidationContext(perform_io_checks=False):
        try:
            if kind in WRAPPED:
                result = WRAPPED[kind].model_validate({"v": data}).model_dump(mode="json")["v"]
            else:
                adapter = TypeAdapter(KINDS[kind])
                result = adapter.dump_python(adapter.validate_python(data), mode="json")
            return {"value": result, "errors": []}
        except ValidationError as e:
            errors = []
            for err in e.errors():
                loc = list(err["loc"])
                if kind in WRAPPED:
                    loc = loc[1:]
                errors.append({"loc": normalize(loc), "msg": err["msg"], "type": err["type"]})
            return {"value": None, "errors": errors}


cases = []
for kind, texts in CASES.items():
    for text in texts:
        cases.append({"kind": kind, "yaml": text, **run(kind, text)})
OUT.write_text(json.dumps(cases, indent=1, ensure_ascii=False) + "\n")
print(f"wrote {len(cases)} cases to {OUT}")

from bioimageio.spec import load_description

docs = {}
for path in sorted((ROOT / "Fixtures/spec/generic/docs").glob("*.yaml")):
    summary = load_description(path, perform_io_checks=False).validation_summary
    errors, warnings = [], []
    for detail in summary.details:
        errors += [{"loc": normalize(e.loc), "msg": e.msg, "type": e.type} for e in detail.errors]
        warnings += [{"loc": normalize(w.loc), "msg": w.msg, "severity": w.severity} for w in detail.warnings]
    docs[path.name] = {"status": summary.status, "format_version": summary.format_version, "errors": errors, "warnings": warnings}
DOCS_OUT = ROOT / "Fixtures/spec/generic/docs-verdicts.json"
DOCS_OUT.write_text(json.dumps(docs, indent=1, ensure_ascii=False) + "\n")
print(f"wrote {len(docs)} summaries to {DOCS_OUT}")

corpus = ROOT.parent / "shared/corpus"
if (corpus / "verdicts.json").exists():
    latest = {}
    for v in json.loads((corpus / "verdicts.json").read_text()):
        if v["declared_type"] in (None, "model") or v["status"] == "error":
            continue
        if not str(v.get("declared_format_version", "")).startswith("0.2"):
            continue
        summary = load_description(corpus / v["file"], perform_io_checks=False, format_version="latest").validation_summary
        errors = sorted({normalize(e.loc) for d in summary.details for e in d.errors})
        latest[v["file"]] = {"status": summary.status, "format_version": summary.format_version, "error_locations": errors}
    LATEST_OUT = ROOT / "Fixtures/spec/generic/corpus-latest.json"
    LATEST_OUT.write_text(json.dumps(latest, indent=1, ensure_ascii=False) + "\n")
    print(f"wrote {len(latest)} updated summaries to {LATEST_OUT}")
