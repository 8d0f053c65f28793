/* fuzz_programme.c - libFuzzer harness: the input is programmes/cbi.cfg,
 * routed by a fixed routing.cfg; a valid set is also used to route a firm.
 * Seeds cover every op (in, rule_unknown), answers.<id>, firm.country,
 * currencies with exchange_rates and caveats. */
#include "er_diag.h"
#include "er_firm.h"
#include "er_programme.h"
#include "er_rubric.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char routing[] =
    "routing = { order = [ \"cbi\" ]; fallback = \"local\";\n"
    "  fallback_name = { en = \"Local\"; es = \"Local\"; }; };\n";

/* A firm with every fact the shipped programmes ask about. */
static const char firm_text[] =
    "firm = { id = \"f\"; name = \"F\"; country = \"PE\"; sector = \"herbs-spices\";\n"
    "  markets = [ \"EU\" ];\n"
    "  products = ( { name = \"P\"; hs = \"0910.99\"; use = \"food\"; } );\n"
    "  audit = { date = \"2026-01-15\"; coach = \"C\"; kind = \"baseline\"; };\n"
    "  answers = { eu_haccp = true; };\n"
    "  profile = { founded = \"2003-06\"; employees = 42; turnover_eur = 6800000.0;\n"
    "    balance_sheet_eur = 3900000.0; local_ownership_pct = 100.0; state_owned = false;\n"
    "    private_ownership_pct = 100.0; owners_resident = true; employees_full_time = 38;\n"
    "    umic_joint_venture = false; export_licence_restrictions = false;\n"
    "    management_english = true; willing_to_comply_eu = true; willing_to_invest = true;\n"
    "    committed = true; child_or_forced_labour = false; excluded_activity = false;\n"
    "    exports_eu_eur = 4100000.0; exports_non_eu_eur = 2300000.0;\n"
    "    eu_trade_fairs_attended = 1; sales_eur = 6800000.0; }; };\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static er_rubric *rubric; /* kept: the firm may point into it */
    static er_firm *firm;
    if (firm == NULL) {
        er_diag d = {0};
        rubric = er_rubric_load(ER_SOURCE_DIR "/rubrics", &d);
        if (rubric != NULL)
            firm = er_firm_load(fuzz_write("firm.cfg", (const uint8_t *)firm_text,
                                           sizeof firm_text - 1),
                                rubric, NULL, 0, &d);
        if (firm == NULL) {
            er_diag_print(&d, stderr, "fuzz_programme: ");
            abort();
        }
        er_diag_free(&d);
        fuzz_write("routing.cfg", (const uint8_t *)routing, sizeof routing - 1);
    }
    fuzz_write("cbi.cfg", data, size);
    er_diag d = {0};
    er_programme_set *set = er_programmes_load(fuzz_dir(), &d);
    if ((set == NULL) == (er_diag_count(&d) == 0))
        abort();
    if (set != NULL) {
        er_arena arena = {0};
        er_prog_result res[1];
        er_programmes_route(set, firm, &firm->audit.date, res, &arena);
        for (size_t i = 0; i < res[0].n_reasons; i++)
            er_reason_text(&res[0].reasons[i], firm, ER_LANG_EN, &arena);
        er_arena_free(&arena);
    }
    er_programmes_free(set);
    er_diag_free(&d);
    return 0;
}
