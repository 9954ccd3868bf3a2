/* A program built against the installed libsyria only (pkg-config or
 * find_package): analyses an Arabic sentence, prints the token count and the
 * JSON. Exits non-zero if anything fails or looks wrong. */
#include <stdio.h>
#include <string.h>

#include <syria/syria.h>

int main(void)
{
    /* قال وزير الخارجية الروسي إن روسيا وتركيا تبحثان الوضع في إدلب. */
    const char *text =
        "\xd9\x82\xd8\xa7\xd9\x84 \xd9\x88\xd8\xb2\xd9\x8a\xd8\xb1 \xd8\xa7\xd9\x84\xd8\xae\xd8\xa7\xd8\xb1\xd8\xac\xd9\x8a\xd8\xa9 "
        "\xd8\xa7\xd9\x84\xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a \xd8\xa5\xd9\x86 \xd8\xb1\xd9\x88\xd8\xb3\xd9\x8a\xd8\xa7 "
        "\xd9\x88\xd8\xaa\xd8\xb1\xd9\x83\xd9\x8a\xd8\xa7 \xd8\xaa\xd8\xa8\xd8\xad\xd8\xab\xd8\xa7\xd9\x86 "
        "\xd8\xa7\xd9\x84\xd9\x88\xd8\xb6\xd8\xb9 \xd9\x81\xd9\x8a \xd8\xa5\xd8\xaf\xd9\x84\xd8\xa8.";
    if (strcmp(syria_version(), "") == 0 || syria_version_number() != SYRIA_VERSION_NUMBER) {
        fprintf(stderr, "consumer: header %d and library %s disagree\n", SYRIA_VERSION_NUMBER, syria_version());
        return 1;
    }
    syria_model *model = NULL;
    if (syria_model_load_default(&model) != SYRIA_OK) {
        fprintf(stderr, "consumer: %s\n", syria_error_last());
        return 1;
    }
    syria_options opt = SYRIA_OPTIONS_INIT;
    opt.doc_name = "consumer";
    syria_doc *doc = NULL;
    if (syria_analyze(&doc, model, text, SYRIA_NUL_TERMINATED, &opt) != SYRIA_OK) {
        fprintf(stderr, "consumer: %s\n", syria_error_last());
        syria_model_free(model);
        return 1;
    }
    char *json = NULL;
    if (syria_doc_to_json(&json, NULL, doc, 0) != SYRIA_OK) {
        fprintf(stderr, "consumer: %s\n", syria_error_last());
        return 1;
    }
    printf("tokens %zu\n%s\n", syria_doc_token_count(doc), json);
    syria_free(json);
    syria_doc_free(doc);
    syria_model_free(model);
    return 0;
}
