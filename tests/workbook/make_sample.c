/*
 * make_sample.c - builds audit results by hand (a small rubric and firms
 * with Spanish texts, scored by the real engine) and writes their workbooks,
 * so the workbook tests do not depend on the loaders or the CLI.
 *
 *   make_sample DIR en|es normal|hostile|cohort|followup [--force]
 *
 * Besides the workbooks it writes DIR/<id>.expected.json with the engine's
 * numbers, which check_workbooks.py compares with what Excel/LibreOffice
 * computes from the workbook's formulas.
 * Exit status: 0 written, 1 the renderer refused (diag printed), 2 usage.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "er_output.h"

static const er_choice plan_choices[] = {
    {"none", 0.0, {{"None", "Ninguno"}}},
    {"draft", 0.5, {{"Draft", "Borrador"}}},
    {"approved", 1.0, {{"Approved and budgeted", "Aprobado y con presupuesto"}}},
};
static const er_choice fair_choices[] = {
    {"never", 0.0, {{"Never", "Nunca"}}},
    {"visited", 0.5, {{"Visited as a buyer", "Visitó como comprador"}}},
    {"exhibited", 1.0, {{"Exhibited", "Expuso"}}},
};
static const er_choice cert_choices[] = {
    {"none", 0.0, {{"None", "Ninguna"}}},
    {"in_progress", 0.5, {{"In progress", "En curso"}}},
    {"certified", 1.0, {{"Certified", "Certificada"}}},
};
static const er_band years_bands[] = {
    {false, true, 0, 1, 0.0, {{"Less than 1", "Menos de 1"}}},
    {true, true, 1, 3, 0.5, {{"1 to 3", "De 1 a 3"}}},
    {true, false, 3, 0, 1.0, {{"3 or more", "3 o más"}}},
};
static const char *const eu[] = {"EU"};
static const char *const us[] = {"US"};

static const er_dimension dims[] = {
    {"management", 2.0, {{"Management and export strategy", "Gestión y estrategia exportadora"}}},
    {"food_safety", 2.5, {{"Food safety and certification", "Inocuidad y certificación"}}},
    {"legal_access", 3.0, {{"Legal market access", "Acceso legal al mercado"}}},
    {"market_knowledge", 1.5, {{"Market knowledge and promotion",
                               "Conocimiento del mercado y promoción"}}},
    {"rnd", 1.0, {{"R&D and product development", "I+D y desarrollo de productos"}}},
};

#define CRIT(...) {__VA_ARGS__}
static const er_criterion criteria[] = {
    {.id = "export_plan", .dimension = "management", .dim_index = 0, .weight = 3.0,
     .type = ER_ANSWER_CHOICE, .choices = plan_choices, .n_choices = 3,
     .title = {{"Export marketing plan", "Plan de marketing de exportación"}},
     .recommendation = {{"Write a one-page export plan with targets and a budget.",
                        "Redacte un plan de exportación de una página con metas y presupuesto."}},
     .reference = {{"CBI export coaching intake (case study, Annex 2)"}},
     .file = "rubrics/readiness.cfg", .line = 10},
    {.id = "years_exporting", .dimension = "management", .dim_index = 0, .weight = 1.5,
     .type = ER_ANSWER_NUMBER, .bands = years_bands, .n_bands = 3, .unit = {{"years"}},
     .title = {{"Years of export experience", "Años de experiencia exportadora"}},
     .recommendation = {{"Start with small, regular shipments.",
                        "Empiece con envíos pequeños y regulares."}},
     .reference = {{"CBI selection criteria (case study, Annex 2, Box 1)"}},
     .file = "rubrics/readiness.cfg", .line = 20},
    {.id = "eu_haccp", .dimension = "food_safety", .dim_index = 1, .weight = 3.0,
     .type = ER_ANSWER_YESNO, .knockout = true, .applies = {.markets = eu, .n_markets = 1},
     .title = {{"HACCP-based procedures in place", "Procedimientos basados en APPCC"}},
     .recommendation = {{"Put HACCP-based procedures in place and keep records.",
                        "Implemente procedimientos basados en APPCC y lleve registros."}},
     .reference = {{"Reg. (EC) 852/2004, Art. 5"}}, .file = "rubrics/markets/eu.cfg", .line = 33},
    {.id = "eu_traceability", .dimension = "legal_access", .dim_index = 2, .weight = 3.0,
     .type = ER_ANSWER_YESNO, .knockout = true, .applies = {.markets = eu, .n_markets = 1},
     .title = {{"One step back / one step forward traceability",
               "Trazabilidad un paso atrás y un paso adelante"}},
     .recommendation = {{"Record supplier and customer for every lot.",
                        "Registre proveedor y cliente de cada lote."}},
     .reference = {{"Reg. (EC) 178/2002, Art. 18"}}, .file = "rubrics/markets/eu.cfg", .line = 43},
    {.id = "us_fsvp", .dimension = "legal_access", .dim_index = 2, .weight = 2.0,
     .type = ER_ANSWER_YESNO, .applies = {.markets = us, .n_markets = 1},
     .title = {{"US importer FSVP support", "Apoyo al FSVP del importador de EE. UU."}},
     .recommendation = {{"Prepare the documents a US importer needs.",
                        "Prepare los documentos que necesita el importador."}},
     .reference = {{"21 CFR 1 Subpart L"}}, .file = "rubrics/markets/us.cfg", .line = 5},
    {.id = "cert_organic", .dimension = "food_safety", .dim_index = 1, .weight = 2.0,
     .type = ER_ANSWER_CHOICE, .choices = cert_choices, .n_choices = 3,
     .title = {{"Organic certification", "Certificación orgánica"}},
     .recommendation = {{"Certify with a control body recognised for your country.",
                        "Certifíquese con un organismo de control reconocido para su país."}},
     .reference = {{"Reg. (EU) 2018/848"}}, .file = "rubrics/certifications.cfg", .line = 28},
    {.id = "eu_eudr_geo", .dimension = "legal_access", .dim_index = 2, .weight = 2.5,
     .type = ER_ANSWER_CHECK, .check = "natural-ingredients.geo",
     .title = {{"Plot geolocation", "Geolocalización de parcelas"}},
     .recommendation = {{"Record GPS points of every plot.",
                        "Registre puntos GPS de cada parcela."}},
     .reference = {{"Reg. (EU) 2023/1115, Art. 9"}}, .file = "rubrics/markets/eu.cfg", .line = 60},
    {.id = "trade_fairs", .dimension = "market_knowledge", .dim_index = 3, .weight = 2.0,
     .type = ER_ANSWER_CHOICE, .choices = fair_choices, .n_choices = 3, .action = "trade_fair",
     .title = {{"Trade fair participation", "Participación en ferias"}},
     .recommendation = {{"Exhibit at a European trade fair (e.g. BIOFACH).",
                        "Exponga en una feria europea (p. ej. BIOFACH)."}},
     .reference = {{"CBI co-financing (case study, ch. 4)"}},
     .file = "rubrics/readiness.cfg", .line = 283},
    {.id = "market_research", .dimension = "market_knowledge", .dim_index = 3, .weight = 2.5,
     .type = ER_ANSWER_YESNO,
     .title = {{"Target-market research done", "Estudio del mercado de destino realizado"}},
     .recommendation = {{"Use CBI market studies for your product.",
                        "Use los estudios de mercado del CBI para su producto."}},
     .reference = {{"CBI market information"}}, .file = "rubrics/readiness.cfg", .line = 270},
    {.id = "product_development", .dimension = "rnd", .dim_index = 4, .weight = 2.0,
     .type = ER_ANSWER_YESNO, .applies = {.markets = us, .n_markets = 1},
     .title = {{"New product development", "Desarrollo de nuevos productos"}},
     .recommendation = {{"Plan one new product per year.", "Planifique un producto nuevo al año."}},
     .reference = {{"Case study, ch. 3"}}, .file = "rubrics/readiness.cfg", .line = 473},
};

static const er_grade_band grades[] = {{'A', 80.0}, {'B', 65.0}, {'C', 45.0}, {'D', 0.0}};
static const double shares[] = {0.70, 0.60, 0.50};

static er_rubric rubric = {
    .id = "readiness", .version = "test", .title = {{"Export readiness audit",
                                                    "Auditoría de preparación exportadora"}},
    .evidence_multiplier = {0.0, 0.6, 0.9, 1.0},
    .grades = grades, .n_grades = 4, .knockout_cap = 'C',
    .trade_fair_cofinancing = shares, .n_trade_fair_cofinancing = 3,
    .trade_fair_cofinancing_source = "CBI, evaluation case study (2018), ch. 4",
    .dimensions = dims, .n_dimensions = sizeof dims / sizeof dims[0],
    .criteria = criteria, .n_criteria = sizeof criteria / sizeof criteria[0],
    .dir = "rubrics",
};

static const er_prog_criterion cbi_crit[] = {
    {.id = "employees", .fact = "employees", .op = ER_OP_BETWEEN, .min = 25, .max = 500,
     .text = {{"25 to 500 employees", "De 25 a 500 trabajadores"}}},
};
static const er_programme cbi = {.id = "cbi", .name = {{"CBI Export Coaching Programme",
                                                       "Programa de coaching exportador del CBI"}},
                                 .criteria = cbi_crit, .n_criteria = 1,
                                 /* Co-financing is the programme's: shown to firms routed here. */
                                 .fair_shares = shares, .n_fair_shares = 3,
                                 .fair_source = {{"CBI, evaluation case study (2018), ch. 4"}},
                                 .next_step = {{"Contact CBI.", "Contacte al CBI."}},
                                 .contact = "https://www.cbi.eu/"};
static const er_programme_set progs = {.programmes = &cbi, .n_programmes = 1,
                                       .fallback = "local",
                                       .fallback_name = {{"Local BSO service",
                                                         "Servicio local de apoyo"}}};

typedef struct sample {
    er_firm firm;
    er_fact facts[4];
    er_fact answers[10];
    er_check_outcome checks[sizeof criteria / sizeof criteria[0]];
    er_firm_result res;
    er_prog_result prog;
    er_reason reason;
} sample;

static er_fact ans_str(const char *k, const char *v, er_evidence e)
{
    return (er_fact){.key = k, .value = {.type = ER_VALUE_STRING, .str = v}, .evidence = e};
}
static er_fact ans_bool(const char *k, bool v, er_evidence e)
{
    return (er_fact){.key = k, .value = {.type = ER_VALUE_BOOL, .b = v}, .evidence = e};
}
static er_fact ans_num(const char *k, double v, er_evidence e)
{
    return (er_fact){.key = k, .value = {.type = ER_VALUE_NUMBER, .num = v}, .evidence = e};
}

static const char *const markets_eu[] = {"EU"};
static const char *const markets_eu_us[] = {"EU", "US"};
static const er_product products[] = {{"Maca powder", "1106.20", "maca", ER_USE_FOOD, true, 1}};

/* Firm k of a cohort varies answers deterministically from k. */
static void build(sample *s, const char *id, const char *name, const char *coach, int k,
                  bool with_us)
{
    memset(s, 0, sizeof *s);
    er_firm *f = &s->firm;
    f->id = id;
    f->name = name;
    f->country = "PE";
    f->sector = (k % 3 == 0) ? "natural-ingredients" : (k % 3 == 1) ? "coffee-cocoa" : "herbs-spices";
    f->markets = with_us ? markets_eu_us : markets_eu;
    f->n_markets = with_us ? 2 : 1;
    f->products = products;
    f->n_products = 1;
    f->audit = (er_audit_info){{2026, 10, 14, ER_DATE_DAY}, coach, ER_AUDIT_BASELINE};
    f->file = "examples/firms/sample.cfg";
    f->line = 1;
    size_t nf = 0;
    s->facts[nf++] = (er_fact){.key = "employees",
                               .value = {.type = ER_VALUE_NUMBER, .num = 5 + 17 * (k % 7)}};
    if (k % 4 != 3)
        s->facts[nf++] = (er_fact){.key = "eu_trade_fairs_attended",
                                   .value = {.type = ER_VALUE_NUMBER, .num = k % 4}};
    f->facts = s->facts;
    f->n_facts = nf;

    static const char *plans[] = {"none", "draft", "approved"};
    static const char *fairs[] = {"never", "visited", "exhibited"};
    static const char *certs[] = {"none", "in_progress", "certified"};
    size_t na = 0;
    s->answers[na++] = ans_str("export_plan", plans[k % 3], ER_EVIDENCE_DOCUMENT);
    s->answers[na++] = ans_num("years_exporting", (k * 1.7) - (int)(k * 1.7 / 6) * 6.0,
                               ER_EVIDENCE_DECLARED);
    s->answers[na++] = ans_bool("eu_haccp", k % 5 != 0, ER_EVIDENCE_VERIFIED);
    if (k % 2 == 0)
        s->answers[na++] = ans_bool("eu_traceability", true, ER_EVIDENCE_DECLARED);
    s->answers[na++] = ans_str("cert_organic", certs[(k + 1) % 3], ER_EVIDENCE_DOCUMENT);
    s->answers[na++] = ans_str("trade_fairs", fairs[(k + 1) % 3], ER_EVIDENCE_DECLARED);
    s->answers[na++] = ans_bool("market_research", k % 3 != 1, ER_EVIDENCE_VERIFIED);
    if (with_us)
        s->answers[na++] = ans_bool("us_fsvp", false, ER_EVIDENCE_DECLARED);
    f->answers = s->answers;
    f->n_answers = na;

    /* The plugin check: partial, with a note and its own source. */
    s->checks[6] = (er_check_outcome){.present = true,
                                      .status = k % 2 ? ER_STATUS_MET : ER_STATUS_PARTIAL,
                                      .note = "2 of 5 plots lack GPS points",
                                      .reference = "Plugin natural-ingredients 1.0",
                                      .valid_as_of = "2026-06-30"};
}

static int score(sample *s)
{
    if (er_score_firm(&rubric, &s->firm, s->checks, &s->res) != 0)
        return -1;
    /* Routing by hand: CBI wants 25-500 employees. */
    double emp = s->firm.facts[0].value.num;
    s->prog.programme = &cbi;
    s->prog.eligible = (emp >= 25 && emp <= 500) ? ER_TRI_TRUE : ER_TRI_FALSE;
    if (s->prog.eligible == ER_TRI_FALSE) {
        s->reason = (er_reason){&cbi_crit[0], ER_REASON_FAILED, "employees"};
        s->prog.reasons = &s->reason;
        s->prog.n_reasons = 1;
    }
    s->res.programmes = &s->prog;
    s->res.n_programmes = 1;
    s->res.route = s->prog.eligible == ER_TRI_TRUE ? "cbi" : "local";
    return 0;
}

static int write_expected(const char *dir, const er_firm_result *r)
{
    json_t *o = json_object(), *d = json_array(), *f = json_array();
    json_object_set_new(o, "id", json_string(r->firm->id));
    json_object_set_new(o, "score", r->scored ? json_real(r->score) : json_null());
    char g[2] = {r->grade, 0}, gu[2] = {r->grade_uncapped, 0};
    json_object_set_new(o, "grade", json_string(g));
    json_object_set_new(o, "grade_uncapped", json_string(gu));
    json_object_set_new(o, "blockers", json_integer((json_int_t)r->n_blockers));
    json_object_set_new(o, "coverage", json_real(r->coverage));
    for (size_t i = 0; i < r->n_dimensions; i++) {
        json_t *x = json_object();
        json_object_set_new(x, "id", json_string(r->dimensions[i].dimension->id));
        json_object_set_new(x, "score", r->dimensions[i].scored
                                            ? json_real(r->dimensions[i].score) : json_null());
        json_object_set_new(x, "points", json_real(r->dimensions[i].points));
        json_object_set_new(x, "max", json_real(r->dimensions[i].max));
        json_array_append_new(d, x);
    }
    for (size_t i = 0; i < r->n_findings; i++) {
        json_t *x = json_object();
        json_object_set_new(x, "id", json_string(r->findings[i].criterion->id));
        json_object_set_new(x, "status", json_string(er_status_name(r->findings[i].status)));
        json_object_set_new(x, "points", json_real(r->findings[i].points));
        json_object_set_new(x, "max", json_real(r->findings[i].max));
        json_array_append_new(f, x);
    }
    json_object_set_new(o, "dimensions", d);
    json_object_set_new(o, "findings", f);
    char path[1024];
    snprintf(path, sizeof path, "%s/%s.expected.json", dir, r->firm->id);
    int rc = json_dump_file(o, path, JSON_INDENT(1) | JSON_SORT_KEYS);
    json_decref(o);
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: make_sample DIR en|es normal|hostile|cohort|followup [--force]\n");
        return 2;
    }
    er_output_options opts = {.dir = argv[1],
                              .lang = strcmp(argv[2], "es") == 0 ? ER_LANG_ES : ER_LANG_EN,
                              .force = argc > 4 && strcmp(argv[4], "--force") == 0,
                              .programmes = &progs};
    const char *mode = argv[3];
    er_diag diag = {0};
    int rc = 0;
    static sample s, base;

    if (strcmp(mode, "normal") == 0 || strcmp(mode, "followup") == 0) {
        build(&s, "pe-andes-maca", "Andes Maca S.A.C.", "Ana Torres", 5, true);
        if (score(&s) != 0)
            return 3;
        if (strcmp(mode, "followup") == 0) {
            build(&base, "pe-andes-maca", "Andes Maca S.A.C.", "Ana Torres", 4, true);
            if (score(&base) != 0)
                return 3;
            s.firm.audit.kind = ER_AUDIT_FOLLOW_UP;
            opts.baseline = &base.res;
        }
        rc = er_output_firm_workbook(&s.res, &opts, &diag) == 0 ? 0 : 1;
        if (rc == 0 && write_expected(opts.dir, &s.res) != 0)
            rc = 3;
        er_firm_result_free(&s.res);
        er_firm_result_free(&base.res);
    } else if (strcmp(mode, "hostile") == 0) {
        /* Text a spreadsheet might execute or choke on, and an id that
         * tries to leave DIR. */
        build(&s, "hostile-1", "=HYPERLINK(\"http://x\",\"y\")", "Coach \xff\xfe bad \x01 ctl", 2,
              false);
        s.checks[6].note = "note with \x0b vertical tab & <xml> \"quotes\"";
        if (score(&s) != 0)
            return 3;
        rc = er_output_firm_workbook(&s.res, &opts, &diag) == 0 ? 0 : 1;
        if (rc == 0 && write_expected(opts.dir, &s.res) != 0)
            rc = 3;
        er_firm_result_free(&s.res);
        sample evil;
        build(&evil, "../evil", "Evil", "x", 1, false);
        if (score(&evil) != 0)
            return 3;
        if (er_output_firm_workbook(&evil.res, &opts, &diag) == 0) {
            fprintf(stderr, "make_sample: an unsafe id was accepted\n");
            rc = 4;
        }
        er_firm_result_free(&evil.res);
    } else if (strcmp(mode, "cohort") == 0) {
        int n = argc > 5 ? atoi(argv[5]) : 12;
        er_cohort *c = er_cohort_new(&rubric, &opts);
        if (c == NULL)
            return 3;
        for (int k = 0; k < n && rc == 0; k++) {
            char id[32], name[64];
            snprintf(id, sizeof id, "firm-%05d", k);
            snprintf(name, sizeof name, "Empresa %d S.A.C.", k);
            build(&s, id, name, "Ana", k, k % 2 == 0);
            if (score(&s) != 0 || er_cohort_add(c, &s.res) != 0)
                rc = 3;
            er_firm_result_free(&s.res);
        }
        if (rc == 0 && er_cohort_write(c, &diag) != 0)
            rc = 1;
        er_cohort_free(c);
    } else {
        fprintf(stderr, "make_sample: unknown mode %s\n", mode);
        return 2;
    }
    er_diag_print(&diag, stderr, "make_sample: ");
    er_diag_free(&diag);
    return rc;
}
