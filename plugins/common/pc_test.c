/* pc_test.c - see pc_test.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "pc_test.h"

/* Defined by the plugin under test (ER_PLUGIN_DEFINE). */
const er_plugin_descriptor *exportready_plugin_v1(void);

static const er_mock_report *run_with(const er_plugin_host_api *host, const char *check_id)
{
    size_t before = er_mock_report_count();
    int rc = exportready_plugin_v1()->run_check(host, er_mock_firm(), check_id);
    assert_int_equal(rc, ER_PLUGIN_OK);
    assert_int_equal(er_mock_rejected_count(), 0);
    assert_int_equal(er_mock_report_count(), before + 1);
    return er_mock_report_get(before);
}

void pc_test_product(size_t i, const char *ingredient, const char *hs, const char *use)
{
    char p[64];
    er_mock_set_count("products", i + 1);
    snprintf(p, sizeof p, "products[%zu].ingredient", i);
    er_mock_set_string(p, ingredient);
    snprintf(p, sizeof p, "products[%zu].hs", i);
    er_mock_set_string(p, hs);
    snprintf(p, sizeof p, "products[%zu].use", i);
    er_mock_set_string(p, use);
}

void pc_test_has_spanish(const er_mock_report *r)
{
    if (r->note[0] != '\0')
        assert_non_null(er_mock_note(r, "es"));
    if (r->reference[0] != '\0')
        assert_non_null(er_mock_reference(r, "es"));
}

void pc_test_es_note_lacks(const er_mock_report *r, const char *s)
{
    const char *es = er_mock_note(r, "es");
    if (es != NULL)
        assert_null(strstr(es, s));
}

const er_mock_report *pc_test_run(const char *check_id)
{
    const er_mock_report *r = run_with(er_mock_host(), check_id);
    pc_test_has_spanish(r);
    return r;
}

const er_mock_report *pc_test_run_1_0(const char *check_id)
{
    const er_mock_report *r = run_with(er_mock_host_1_0(), check_id);
    assert_null(er_mock_note(r, "es"));
    assert_null(er_mock_reference(r, "es"));
    return r;
}

const er_mock_report *pc_test_finding(const char *id)
{
    for (size_t i = 0; i < er_mock_report_count(); i++)
        if (strcmp(er_mock_report_get(i)->id, id) == 0) {
            pc_test_has_spanish(er_mock_report_get(i));
            return er_mock_report_get(i);
        }
    return NULL;
}

void pc_test_texts_complete(const char *lang)
{
    char why[200] = "";
    if (er_mock_check_texts(exportready_plugin_v1(), lang, why, sizeof why) != 0)
        fail_msg("%s", why);
}
