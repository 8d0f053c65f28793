#!/usr/bin/python3
"""check_i18n.py EXPORTREADY SOURCE_DIR SECTOR_PLUGIN_DIR - the CLI's messages
in the user's language (po/es.po, cli/cli_locale.c).

  - LANGUAGE=es, LANG=es_ES.UTF-8 (and es_PE.UTF-8, generated or not),
    LANG=C.UTF-8 with LANGUAGE=es: the help is Spanish, every option of
    the English help is in it untranslated, and it fits 80 columns;
  - LC_ALL=C wins over LANGUAGE (scripts asking for C get English), and
    with no locale variable at all the output is English;
  - a diagnostic in Spanish keeps FILE:LINE: FIELD: exactly as in English,
    and the exit status is the same;
  - audit: stderr in Spanish, but the results JSON (error of a failed firm)
    and the workbooks are the same bytes whatever LANGUAGE says: --lang
    alone chooses the workbook's language.
"""
import os
import re
import subprocess
import sys
import tempfile

EXE, SRC, PLUGINS = sys.argv[1:4]
RUBRICS = os.path.join(SRC, "rubrics")
FIRM = os.path.join(SRC, "examples", "firms", "processed-food-nuti.cfg")
R = ["--rubric-dir", RUBRICS, "--plugin-dir", PLUGINS]
failures = []


def expect(ok, what, detail=""):
    if not ok:
        failures.append(f"{what}: {str(detail)[:2000]}")


def env_with(**kv):
    env = {k: v for k, v in os.environ.items()
           if not (k.startswith("LC_") or k in ("LANG", "LANGUAGE"))}
    env["SOURCE_DATE_EPOCH"] = "1780000000"
    env.update(kv)
    return env


def run(*args, **kv):
    p = subprocess.run([EXE, *args], capture_output=True, env=env_with(**kv), timeout=300)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def locale_exists(name):
    out = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
    norm = name.lower().replace("utf-8", "utf8")
    return norm in (l.lower() for l in out)


def options(text):
    return sorted({w.rstrip(",.;:)") for w in text.split() if w.startswith("--")})


_, EN_AUDIT, _ = run("help", "audit")
expect(EN_AUDIT.startswith("Usage: exportready audit"), "English help by default", EN_AUDIT)

SPANISH = [{"LANGUAGE": "es"}, {"LANGUAGE": "es", "LANG": "C.UTF-8"},
           {"LANGUAGE": "es_PE:es", "LANG": "C.UTF-8"},
           # es_PE.UTF-8 is rarely generated: Spanish either way.
           {"LANG": "es_PE.UTF-8"}]
if locale_exists("es_ES.UTF-8"):
    SPANISH.append({"LANG": "es_ES.UTF-8"})
    SPANISH.append({"LC_MESSAGES": "es_ES.UTF-8", "LANG": "C.UTF-8"})
else:
    print("es_ES.UTF-8 not generated: LANG=es_ES.UTF-8 checked as a missing locale only")
    SPANISH.append({"LANG": "es_ES.UTF-8"})

for kv in SPANISH:
    rc, out, err = run("help", "audit", **kv)
    expect(rc == 0, f"help audit exit 0 with {kv}", err)
    expect(out.startswith("Uso: exportready audit [OPCIONES]") and "Opciones:" in out
           and "Estado de salida:" in out, f"help audit is Spanish with {kv}", out)
    expect(options(out) == options(EN_AUDIT), f"the Spanish help keeps every option with {kv}",
           (options(out), options(EN_AUDIT)))
    expect("fichero" not in out, "plain Spanish: archivo, not fichero", out)
    for cmd in ("", "validate", "report", "template", "plugins"):
        rc, out, err = run("help", *([cmd] if cmd else []), **kv)
        expect(rc == 0 and out.startswith("Uso: exportready"), f"help {cmd} is Spanish with {kv}",
               out)
        long = [l for l in out.splitlines() if len(l) > 80]
        expect(not long, f"help {cmd} in Spanish fits 80 columns", long)

for kv in ({}, {"LC_ALL": "C", "LANGUAGE": "es"}, {"LANGUAGE": "en"}, {"LANG": "C"},
           {"LC_ALL": "POSIX", "LANGUAGE": "es"}):
    rc, out, err = run("help", "audit", **kv)
    expect(out == EN_AUDIT, f"help audit is the English one with {kv}", out)

with tempfile.TemporaryDirectory() as tmp:
    bad = os.path.join(tmp, "empresa.cfg")
    with open(bad, "w") as f:
        f.write('firm = {\n  id = "pe-x";\n  nombre = "Chocolates Ñusta & Hijos";\n};\n')
    rc_en, out_en, err_en = run("validate", *R, bad)
    rc_es, out_es, err_es = run("validate", *R, bad, LANGUAGE="es")
    expect(rc_en == rc_es == 3, "validate exits 3 in both languages", (rc_en, rc_es))
    expect(f"{bad}:3: firm.nombre: unknown field\n" in err_en, "English diagnostic", err_en)
    expect(f"{bad}:3: firm.nombre: campo desconocido\n" in err_es,
           "Spanish diagnostic keeps FILE:LINE: FIELD:", err_es)
    expect(f"{bad}:1: firm.country: falta un campo obligatorio\n" in err_es,
           "missing field in Spanish", err_es)
    expect(err_es.rstrip().endswith("exportready: se encontraron 7 problemas"),
           "the count in Spanish, plural", err_es)
    heads_en = [l.split(": ")[0:2] for l in err_en.splitlines() if l.startswith(bad)]
    heads_es = [l.split(": ")[0:2] for l in err_es.splitlines() if l.startswith(bad)]
    expect(heads_en == heads_es and heads_en, "same FILE:LINE and FIELD in each line",
           (heads_en, heads_es))
    # A CSV cell: FILE:ROW:COLUMN: FIELD: stays, the value rule speaks Spanish.
    import csv
    with open(os.path.join(SRC, "examples", "cohort.csv"), newline="") as f:
        rows = list(csv.reader(f))
    head, row = rows[0], rows[1]
    row[head.index("country")] = "Perú"
    row[head.index("profile.employees")] = "doce"
    cohort = os.path.join(tmp, "cohorte.csv")
    with open(cohort, "w", newline="") as f:
        csv.writer(f).writerows([head, row])
    col = head.index("country") + 1
    rc_en, _, err_en = run("validate", *R, cohort)
    rc_es, _, err_es = run("validate", *R, cohort, LANGUAGE="es")
    expect(rc_en == rc_es == 3, "cohort: validate exits 3 in both languages", (rc_en, rc_es))
    expect(f'{cohort}:2:{col}: firm.country: "Perú" is not an ISO 3166-1 alpha-2 code' in err_en,
           "cohort cell error in English", err_en)
    expect(f'{cohort}:2:{col}: firm.country: "Perú" no es un código ISO 3166-1 alfa-2' in err_es,
           "cohort cell error in Spanish keeps FILE:ROW:COLUMN: FIELD:", err_es)
    expect('firm.profile.employees: "doce" no es un entero' in err_es, "a number cell in Spanish",
           err_es)
    missing = os.path.join(tmp, "no-such.cfg")
    rc, out, err = run("validate", missing, LANGUAGE="es")
    expect(rc == 3 and f"{missing}: no existe el archivo o la carpeta" in err,
           "file not found in Spanish", err)

    # audit: the terminal in Spanish, the files exactly as in English.
    outs = {}
    for name, kv in (("en", {}), ("es", {"LANGUAGE": "es"})):
        for lang in ("en", "es"):
            d = os.path.join(tmp, f"{name}-{lang}")
            js = d + ".json"
            rc, out, err = run("audit", *R, "--no-pdf", "--lang", lang, "-o", d, "--json", js,
                               "-j", "1", FIRM, bad, missing, **kv)
            expect(rc == 1, f"audit exits 1 (some firms failed) with LANGUAGE {name}", err)
            files = {}
            for f in sorted(os.listdir(d)):
                with open(os.path.join(d, f), "rb") as fh:
                    files[f] = fh.read()
            with open(js, "rb") as fh:
                files["json"] = fh.read()
            outs[(name, lang)] = (files, out, err)
    for lang in ("en", "es"):
        en_files, en_out, en_err = outs[("en", lang)]
        es_files, es_out, es_err = outs[("es", lang)]
        expect(sorted(en_files) == sorted(es_files) and len(en_files) >= 3,
               f"--lang {lang}: the same files whatever LANGUAGE", (sorted(en_files), sorted(es_files)))
        for f in en_files:
            expect(en_files[f] == es_files.get(f),
                   f"--lang {lang}: {f} is byte-identical with LANGUAGE=es (the workbook follows "
                   "--lang, the JSON stays English)")
        expect(b"unknown field" in en_files["json"] and b"campo desconocido" not in es_files["json"],
               "the results JSON keeps the English error", es_files["json"][:400])
        expect("pe-nuti-alimentos: score " in en_out, "English summary line", en_out)
        expect("pe-nuti-alimentos: puntaje " in es_out and "calificación" in es_out
               and "cobertura" in es_out, "Spanish summary line", es_out)
        expect(f"exportready: {bad}:3: firm.nombre: campo desconocido" in es_err,
               "a failed firm's problems on stderr in Spanish", es_err)
        expect(f"exportready: {missing}: no se puede abrir:" in es_err,
               "a missing firm file in Spanish", es_err)

    # An output error: the workbook is kept, said in Spanish, same status.
    d = os.path.join(tmp, "es-en")
    rc, _, err = run("audit", *R, "--no-pdf", "-o", d, FIRM, LANGUAGE="es")
    expect(rc == 1 and "pe-nuti-alimentos.xlsx: output: el archivo ya existe; se conserva "
           "(use --force para sobrescribirlo)" in err, "an existing workbook, in Spanish", err)

    # A programme's caveat inside the summary line is data: it follows the
    # messages' language (the programme file's own Spanish), not English.
    coffee = os.path.join(SRC, "examples", "firms", "coffee-cocoa-valle-alto.cfg")
    cbi = open(os.path.join(RUBRICS, "programmes", "cbi.cfg"), encoding="utf-8").read()
    caveat = {k: re.search(k + r' = "([^"]*)"', cbi[cbi.index("caveat = {"):]).group(1)
              for k in ("en", "es")}
    for name, kv, want, other in (("en", {}, "en", "es"), ("es", {"LANGUAGE": "es"}, "es", "en")):
        rc, out, err = run("audit", *R, "--no-pdf", "-o", os.path.join(tmp, "cav-" + name),
                           coffee, **kv)
        expect(rc == 0 and f"({caveat[want]})" in out and caveat[other] not in out,
               f"the route's caveat in the messages' language ({name})", out + err)
        # The score with the messages' decimal mark (profile.cfg: "," in Spanish).
        expect(re.search(r"puntaje \d+,\d, " if name == "es" else r"score \d+\.\d, ", out),
               f"the score's decimal mark ({name})", out)

    # Usage errors: the same exit status.
    for argv in (("audit", "--bogus"), ("frobnicate",), ("help", "frobnicate")):
        rc_en, _, err_en = run(*argv)
        rc_es, _, err_es = run(*argv, LANGUAGE="es")
        expect(rc_en == rc_es == 2, f"{argv}: exit 2 in both languages", (rc_en, rc_es))
        expect(err_es != err_en and ("desconocid" in err_es), f"{argv}: Spanish usage error", err_es)

if failures:
    for f in failures:
        print("FAIL:", f)
    sys.exit(1)
print("ok")
