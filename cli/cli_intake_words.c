/* cli_intake_words.c - tells the loader the words the intake template's
 * dropdowns show (er_intake_word_add), in every language the run knows,
 * so a filled template or a CSV typed with them reads as the codes.  The
 * words come from the UI catalogue the template writer uses
 * (output/xlsx/er_labels.h); the loader cannot see that catalogue. */
#include "cli.h"

#include "er_firm_csv.h"
#include "er_labels.h"

int er_cli_intake_words(void)
{
    static const struct {
        er_intake_word w;
        const char *code;
        er_label label;
    } words[] = {
        {ER_IW_BOOL, "true", ER_L_YES},
        {ER_IW_BOOL, "false", ER_L_NO},
        {ER_IW_USE, "food", ER_L_TPL_USE_FOOD},
        {ER_IW_USE, "cosmetic", ER_L_TPL_USE_COSMETIC},
        {ER_IW_USE, "pharma", ER_L_TPL_USE_PHARMA},
        {ER_IW_KIND, "baseline", ER_L_KIND_BASELINE},
        {ER_IW_KIND, "follow-up", ER_L_KIND_FOLLOW_UP},
    };
    static const struct {
        const char *code;
        er_evidence e;
    } levels[] = {{"verified", ER_EVIDENCE_VERIFIED},
                  {"document", ER_EVIDENCE_DOCUMENT},
                  {"declared", ER_EVIDENCE_DECLARED}};
    for (er_lang l = 0; l < er_lang_count(); l++) {
        for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
            if (er_intake_word_add(words[i].w, words[i].code, er_label_get(words[i].label, l)) != 0)
                return -1;
        for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++)
            if (er_intake_word_add(ER_IW_EVIDENCE, levels[i].code,
                                   er_label_evidence(levels[i].e, l)) != 0)
                return -1;
    }
    return 0;
}
