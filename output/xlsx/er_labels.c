/*
 * er_labels.c - English and Spanish words of the workbook frame.
 *
 * Spanish is written for a Peruvian firm manager, not translated word for
 * word.  A designated-initialiser table, so a missing entry is caught by the
 * unit test (every label must exist in both languages).
 */
#include "er_labels.h"

#include <stddef.h>

typedef struct label_pair {
    const char *en, *es;
} label_pair;

static const label_pair labels[ER_L_COUNT_] = {
    [ER_L_SHEET_SUMMARY] = {"Summary", "Resumen"},
    [ER_L_SHEET_FINDINGS] = {"Findings", "Hallazgos"},
    [ER_L_SHEET_MARKETS] = {"Market requirements", "Requisitos de mercado"},
    [ER_L_SHEET_ACTIONS] = {"Action plan", "Plan de acción"},
    [ER_L_SHEET_WHATIF] = {"What-if", "Simulación"},
    [ER_L_SHEET_FIRMS] = {"Firms", "Empresas"},
    [ER_L_SHEET_STATS] = {"Statistics", "Estadísticas"},
    [ER_L_SHEET_GAPS] = {"Common gaps", "Brechas frecuentes"},

    [ER_L_FIRM] = {"Firm", "Empresa"},
    [ER_L_SECTOR] = {"Sector", "Sector"},
    [ER_L_COUNTRY] = {"Country", "País"},
    [ER_L_MARKETS] = {"Target markets", "Mercados de destino"},
    [ER_L_AUDIT_DATE] = {"Audit date", "Fecha de la auditoría"},
    [ER_L_COACH] = {"Coach", "Asesor(a)"},
    [ER_L_AUDIT_KIND] = {"Audit", "Tipo de auditoría"},
    [ER_L_KIND_BASELINE] = {"Baseline", "Línea de base"},
    [ER_L_KIND_FOLLOW_UP] = {"Follow-up", "Seguimiento"},
    [ER_L_OVERALL_SCORE] = {"Overall score", "Puntaje general"},
    [ER_L_GRADE] = {"Grade", "Calificación"},
    [ER_L_COVERAGE] = {"Coverage (share of points answered)",
                       "Cobertura (parte de los puntos respondida)"},
    [ER_L_ROUTE] = {"Recommended support route", "Ruta de apoyo recomendada"},
    [ER_L_PROGRAMME] = {"Programme", "Programa"},
    [ER_L_ELIGIBLE] = {"Eligible", "Elegible"},
    [ER_L_ELIGIBLE_YES] = {"Yes", "Sí"},
    [ER_L_ELIGIBLE_NO] = {"No", "No"},
    [ER_L_ELIGIBLE_UNKNOWN] = {"Undecided (data missing)", "Sin decidir (faltan datos)"},
    [ER_L_REASONS] = {"Reasons", "Motivos"},
    [ER_L_REASON_MISSING] = {"missing data", "falta el dato"},
    [ER_L_BLOCKERS] = {"Blockers (knock-out requirements not met)",
                       "Bloqueos (requisitos eliminatorios no cumplidos)"},
    [ER_L_NO_BLOCKERS] = {"None", "Ninguno"},
    [ER_L_LARGEST_GAPS] = {"Five largest gaps (points missing)",
                           "Las cinco mayores brechas (puntos que faltan)"},
    [ER_L_GAP_POINTS] = {"Points missing", "Puntos que faltan"},
    [ER_L_DIMENSION_SCORES] = {"Scores by dimension", "Puntaje por dimensión"},
    [ER_L_BASELINE] = {"Baseline", "Línea de base"},
    [ER_L_NOW] = {"Now", "Ahora"},
    [ER_L_CHANGE] = {"Change", "Cambio"},
    [ER_L_NOT_SCORED] = {"not scored", "sin puntaje"},
    [ER_L_SCORE_OUT_OF_100] = {"out of 100", "de 100"},
    [ER_L_KNOCKOUT_NOTE] = {"A blocker caps the grade at", "Un bloqueo limita la calificación a"},

    [ER_L_DIMENSION] = {"Dimension", "Dimensión"},
    [ER_L_REQUIREMENT] = {"Requirement", "Requisito"},
    [ER_L_ANSWER] = {"Answer", "Respuesta"},
    [ER_L_EVIDENCE] = {"Evidence", "Evidencia"},
    [ER_L_STATUS] = {"Status", "Estado"},
    [ER_L_POINTS] = {"Points", "Puntos"},
    [ER_L_MAX] = {"Max", "Máximo"},
    [ER_L_RECOMMENDATION] = {"Recommendation", "Recomendación"},
    [ER_L_REFERENCE] = {"Reference", "Referencia"},
    [ER_L_NOTE] = {"Note", "Nota"},
    [ER_L_CRITERION_ID] = {"Criterion", "Criterio"},
    [ER_L_WEIGHT] = {"Weight", "Peso"},
    [ER_L_EVIDENCE_MULT] = {"Evidence factor", "Factor de evidencia"},
    [ER_L_ANSWER_FRACTION] = {"Partial share", "Fracción parcial"},
    [ER_L_DIMENSION_KEY] = {"Dimension key", "Clave de dimensión"},
    [ER_L_KNOCKOUT] = {"Knock-out", "Eliminatorio"},
    [ER_L_BLOCKS] = {"Blocks", "Bloquea"},
    [ER_L_YES] = {"Yes", "Sí"},
    [ER_L_NO] = {"No", "No"},
    [ER_L_EV_NONE] = {"-", "-"},
    [ER_L_EV_DECLARED] = {"Declared", "Declarada"},
    [ER_L_EV_DOCUMENT] = {"Document", "Documento"},
    [ER_L_EV_VERIFIED] = {"Verified", "Verificada"},

    [ER_L_MARKET] = {"Market", "Mercado"},
    [ER_L_ALL_MARKETS] = {"All target markets (certifications and other requirements)",
                          "Todos los mercados de destino (certificaciones y otros requisitos)"},
    [ER_L_WHAT_IS_MISSING] = {"What is missing", "Qué falta"},
    [ER_L_NOTHING_MISSING] = {"Nothing", "Nada"},
    [ER_L_NO_ANSWER_RECORDED] = {"No answer recorded in the audit",
                                 "La auditoría no registró respuesta"},
    [ER_L_NO_MARKET_CRITERIA] = {"No market or certification requirement applies.",
                                 "No aplica ningún requisito de mercado o de certificación."},

    [ER_L_PRIORITY] = {"Priority", "Prioridad"},
    [ER_L_ACTION] = {"Action", "Acción"},
    [ER_L_COFINANCING] = {"Trade-fair co-financing", "Cofinanciamiento de ferias"},
    [ER_L_OWNER] = {"Owner", "Responsable"},
    [ER_L_DUE_DATE] = {"Due date", "Fecha límite"},
    [ER_L_ACTION_STATUS] = {"Progress", "Avance"},
    [ER_L_EST_COST] = {"Estimated cost", "Costo estimado"},
    [ER_L_TODO] = {"To do", "Pendiente"},
    [ER_L_IN_PROGRESS] = {"In progress", "En curso"},
    [ER_L_DONE] = {"Done", "Hecho"},
    [ER_L_FAIR_SHARE_FMT] = {"of stand costs for participation no.",
                             "del costo del stand en la participación n.º"},
    [ER_L_SOURCE] = {"source", "fuente"},
    [ER_L_FAIR_ASSUMED_FIRST] = {"Fairs attended not recorded: assumed to be the first.",
                                 "No se registraron ferias anteriores: se supone la primera."},
    [ER_L_FAIR_NO_SHARE_FMT] = {"No co-financing share listed for participation no.",
                                "No hay cofinanciamiento previsto para la participación n.º"},
    [ER_L_NO_ACTIONS] = {"No open actions: every applicable requirement is met.",
                         "No hay acciones pendientes: se cumple cada requisito aplicable."},
    [ER_L_FILL_IN] = {"The firm fills in the shaded columns.",
                      "La empresa completa las columnas sombreadas."},

    [ER_L_WHATIF_TITLE] = {"What-if: scores recalculated from the Findings sheet",
                           "Simulación: puntajes recalculados desde la hoja Hallazgos"},
    [ER_L_WHATIF_HELP] = {"Change a Status on the Findings sheet to see how the scores and the grade change.",
                          "Cambie un Estado en la hoja Hallazgos para ver cómo cambian los puntajes y la calificación."},
    [ER_L_WEIGHTED] = {"Weight x score", "Peso x puntaje"},
    [ER_L_WEIGHT_USED] = {"Weight counted", "Peso considerado"},
    [ER_L_GRADE_UNCAPPED] = {"Grade before blockers", "Calificación sin bloqueos"},
    [ER_L_BLOCKER_COUNT] = {"Blockers", "Bloqueos"},

    [ER_L_COHORT_TITLE] = {"Cohort overview", "Resumen del grupo"},
    [ER_L_FIRM_ID] = {"Firm id", "Código"},
    [ER_L_NAME] = {"Name", "Nombre"},
    [ER_L_SIZE_BAND] = {"Size band", "Tamaño"},
    [ER_L_SIZE_MICRO] = {"micro (< 10)", "micro (< 10)"},
    [ER_L_SIZE_SMALL] = {"small (10-49)", "pequeña (10-49)"},
    [ER_L_SIZE_MEDIUM] = {"medium (50-249)", "mediana (50-249)"},
    [ER_L_SIZE_LARGE] = {"large (250+)", "grande (250+)"},
    [ER_L_SIZE_UNKNOWN] = {"unknown", "sin dato"},
    [ER_L_SIZE_SOURCE] = {"Size bands by employees only, after Commission Recommendation 2003/361/EC, Annex Art. 2.",
                          "Tamaño solo por número de trabajadores, según la Recomendación 2003/361/CE, Anexo art. 2."},
    [ER_L_SCORE] = {"Score", "Puntaje"},
    [ER_L_COUNT] = {"Firms", "Empresas"},
    [ER_L_MEDIAN] = {"Median", "Mediana"},
    [ER_L_Q1] = {"Lower quartile", "Primer cuartil"},
    [ER_L_Q3] = {"Upper quartile", "Tercer cuartil"},
    [ER_L_MIN] = {"Lowest", "Mínimo"},
    [ER_L_MAXIMUM] = {"Highest", "Máximo"},
    [ER_L_BY_SECTOR] = {"By sector", "Por sector"},
    [ER_L_BY_SIZE] = {"By size band", "Por tamaño"},
    [ER_L_FIRMS_WITH_GAP] = {"Firms not meeting it", "Empresas que no lo cumplen"},
    [ER_L_TOTAL_GAP] = {"Points missing (all firms)", "Puntos que faltan (todas)"},
    [ER_L_COMMON_GAPS] = {"Most common gaps across the cohort",
                          "Brechas más frecuentes en el grupo"},
    [ER_L_MEDIAN_SCORE_CHART] = {"Median score by sector", "Puntaje mediano por sector"},
    [ER_L_PAGE_FOOTER] = {"Page &P of &N", "Página &P de &N"},

    [ER_L_TO_VERIFY] = {"To verify (knock-out requirements not yet assessed)",
                        "Por verificar (requisitos eliminatorios aún sin evaluar)"},
    [ER_L_TO_VERIFY_COUNT] = {"To verify", "Por verificar"},
    [ER_L_GRADE_STATUS] = {"Grade status", "Estado de la calificación"},
    [ER_L_GS_FINAL] = {"final", "definitiva"},
    [ER_L_GS_PROVISIONAL] = {"provisional", "provisional"},
    [ER_L_GS_NONE] = {"no grade", "sin calificación"},
    [ER_L_ANSWERED] = {"answered", "respondido"},
    [ER_L_KO_TO_VERIFY] = {"knock-out requirement(s) to verify",
                           "requisito(s) eliminatorio(s) por verificar"},
    [ER_L_PROVISIONAL_NOTE] = {"Provisional grade: questions not yet asked score 0 and could change it. Complete the audit to make it final.",
                               "Calificación provisional: las preguntas aún no respondidas cuentan 0 y podrían cambiarla. Complete la auditoría para que sea definitiva."},
    [ER_L_NO_GRADE_NOTE] = {"No grade yet: too few questions were answered for a grade to mean anything.",
                            "Aún sin calificación: se respondieron muy pocas preguntas para que una calificación tenga sentido."},
    [ER_L_FIRMS_NOT_ASKED] = {"Firms not asked", "Empresas sin respuesta"},

    [ER_L_SHEET_COACH] = {"Coach notes", "Notas del asesor"},
    [ER_L_COACH_ONLY] = {"For the coach, not for the firm: full references with the confidence tag ([V] verified, [BK] background, [U] uncertain), plugin notes, and the requirements that do not apply.",
                         "Para el asesor, no para la empresa: referencias completas con el nivel de confianza ([V] verificado, [BK] de contexto, [U] incierto), notas del análisis sectorial y los requisitos que no aplican."},
    [ER_L_NOT_APPLICABLE_LINE] = {"requirements do not apply to this firm (other sectors, markets or product uses) and are not listed here; the Coach notes sheet lists them.",
                                  "requisitos no aplican a esta empresa (otros sectores, mercados o usos del producto) y no se muestran aquí; la hoja Notas del asesor los detalla."},
    [ER_L_SECTOR_NOTES] = {"Sector notes (from the sector check; not scored)",
                           "Notas del sector (del análisis sectorial; sin puntaje)"},
    [ER_L_SOURCE_COL] = {"Source", "Fuente"},
    [ER_L_COACH_REFERENCE] = {"Reference (confidence tag)", "Referencia (nivel de confianza)"},
    [ER_L_VALID_AS_OF] = {"Valid as of", "Vigente al"},
    [ER_L_WHATIF_SIMULATION] = {"Simulation only. The audited result is on the Summary sheet and does not change here.",
                                "Solo es una simulación. El resultado auditado está en la hoja Resumen y no cambia aquí."},
    [ER_L_SUGGESTED_OWNER] = {"Suggested owner", "Responsable sugerido"},
    [ER_L_TIME_FRAME] = {"Indicative time", "Plazo indicativo"},
    [ER_L_COST_BAND] = {"Cost band", "Nivel de costo"},
    [ER_L_WHO_HELPS] = {"Who can help", "Quién puede ayudar"},
    [ER_L_NEXT_STEP] = {"Next step", "Siguiente paso"},
    [ER_L_CONTACT] = {"Contact", "Contacto"},
    [ER_L_PLUGIN] = {"Sector check", "Análisis sectorial"},
    [ER_L_OWNER_MANAGER] = {"General manager", "Gerente general"},
    [ER_L_OWNER_EXPORT] = {"Export manager", "Jefe de exportaciones"},
    [ER_L_OWNER_QUALITY] = {"Quality lead", "Jefe de calidad"},
    [ER_L_OWNER_PRODUCTION] = {"Production lead", "Jefe de producción"},
    [ER_L_OWNER_FINANCE] = {"Finance lead", "Responsable de finanzas"},
    [ER_L_TIME_1M] = {"within 1 month", "en 1 mes"},
    [ER_L_TIME_3M] = {"1 to 3 months", "de 1 a 3 meses"},
    [ER_L_TIME_6M] = {"3 to 6 months", "de 3 a 6 meses"},
    [ER_L_TIME_12M] = {"6 to 12 months", "de 6 a 12 meses"},
    [ER_L_TIME_LONG] = {"more than a year", "más de un año"},
    [ER_L_COST_LOW] = {"low: staff time", "bajo: tiempo del personal"},
    [ER_L_COST_MEDIUM] = {"medium: consultant or lab tests", "medio: consultor o análisis de laboratorio"},
    [ER_L_COST_HIGH] = {"high: certification audit or investment", "alto: auditoría de certificación o inversión"},
    [ER_L_SUGGESTION_NOTE] = {"Suggested owner, time and cost band are indicative coaching suggestions, not quotes; adjust them with your coach.",
                              "El responsable, el plazo y el nivel de costo sugeridos son orientativos, no cotizaciones; ajústelos con su asesor."},
    [ER_L_RANK] = {"Rank", "Puesto"},
    [ER_L_COVERAGE_SHORT] = {"Coverage", "Cobertura"},
    [ER_L_ROUTE_SHORT] = {"Route", "Ruta"},
    [ER_L_BLOCKER_NAMES] = {"Blocked by", "Bloqueada por"},
    [ER_L_PROBLEM] = {"Audit failed: why", "Auditoría fallida: motivo"},
    [ER_L_PDF_TOP_ACTIONS] = {"What to do first", "Qué hacer primero"},
    [ER_L_PDF_THEN_NOW] = {"Then and now", "Antes y ahora"},
    [ER_L_PDF_WHO] = {"Who", "Quién"},
    [ER_L_PDF_WHEN] = {"When", "Cuándo"},
    [ER_L_PDF_COST] = {"Cost", "Costo"},
    [ER_L_PDF_HELP] = {"Who can help", "Quién puede ayudar"},
    [ER_L_PDF_PAGE] = {"Page", "Página"},
    [ER_L_PDF_SCORE] = {"Readiness score", "Puntaje de preparación"},
    [ER_L_PDF_PREPARED] = {"Export readiness report", "Informe de preparación exportadora"},
    [ER_L_PDF_MORE_ACTIONS] = {"The full action plan, with every requirement and its source, is in the workbook sent with this report.",
                               "El plan de acción completo, con cada requisito y su fuente, está en el libro Excel que acompaña este informe."},
    [ER_L_PDF_CHECK_PENDING] = {"A sector check could not decide this yet: a fact or a lab result is missing. Your coach will tell you what to provide.",
                                "El análisis sectorial aún no pudo decidirlo: falta un dato o un resultado de laboratorio. Su asesor le indicará qué debe entregar."},
    [ER_L_ROUTE_UNKNOWN_STEP] = {"Give your coach the missing facts listed under Reasons, so the support route can be decided.",
                                 "Entregue a su asesor los datos que faltan (ver Motivos) para poder decidir la ruta de apoyo."},
};

const char *er_label_get(er_label id, er_lang lang)
{
    if ((int)id < 0 || id >= ER_L_COUNT_)
        return "?";
    const label_pair *p = &labels[id];
    const char *s = lang == ER_LANG_ES ? p->es : p->en;
    if (s == NULL)
        s = p->en;
    return s != NULL ? s : "?";
}

const char *er_label_status(er_status s, er_lang lang)
{
    static const label_pair names[ER_STATUS_COUNT] = {
        [ER_STATUS_MET] = {"Met", "Cumple"},
        [ER_STATUS_PARTIAL] = {"Partial", "Parcial"},
        [ER_STATUS_UNMET] = {"Not met", "No cumple"},
        [ER_STATUS_NOT_APPLICABLE] = {"Not applicable", "No aplica"},
        [ER_STATUS_NOT_ASSESSED] = {"Not assessed", "Sin evaluar"},
        [ER_STATUS_UNKNOWN] = {"Undecided", "Sin decidir"},
    };
    if ((int)s < 0 || s >= ER_STATUS_COUNT)
        return "?";
    return lang == ER_LANG_ES ? names[s].es : names[s].en;
}

const char *er_label_evidence(er_evidence e, er_lang lang)
{
    switch (e) {
    case ER_EVIDENCE_DECLARED: return er_label_get(ER_L_EV_DECLARED, lang);
    case ER_EVIDENCE_DOCUMENT: return er_label_get(ER_L_EV_DOCUMENT, lang);
    case ER_EVIDENCE_VERIFIED: return er_label_get(ER_L_EV_VERIFIED, lang);
    default: return er_label_get(ER_L_EV_NONE, lang);
    }
}
