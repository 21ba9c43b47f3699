/* test_method.c - reading, validating and flattening methodology files.
 *
 * JSON below is written with ' for " to stay readable; parse_ticks() swaps
 * them back before parsing. */
#define _POSIX_C_SOURCE 200809L /* mkstemp, fdopen */
#include "test_support.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#define HEAD "{'id':'toy','title':'Toy','source':'unit test','precision':4,"

/* Parses text after turning every ' into ". */
static dti_status parse_ticks(const char *text, dti_method **out, dti_error *err)
{
    size_t len = strlen(text);
    char *json = malloc(len + 1);
    assert_non_null(json);
    for (size_t i = 0; i <= len; i++)
        json[i] = text[i] == '\'' ? '"' : text[i];
    dti_error_clear(err);
    dti_status st = dti_method_parse(json, len, "toy.json", out, err);
    free(json);
    return st;
}

/* Two pillars share leaf a, as Decision 922's pillars share the foundation;
 * the overall node is listed first and leaves last, so the parser must
 * reorder. Points: a 100, b 50, c 25.5.
 *   p1 = a + b          = 150     -> 150000 milli
 *   p2 = a + c          = 125.5   -> 125500 milli
 *   total = p1 + p2 = 2a + b + c = 275.5 -> 275500 milli */
static const char shared_dag[] =
    HEAD "'overall':'total','years':[2030,2031],'nodes':["
         "{'id':'total','name_vi':'Tổng','role':'overall','members':['p1','p2']},"
         "{'id':'p1','name_vi':'Trụ cột một','role':'pillar','members':['a','b']},"
         "{'id':'p2','name_vi':'Trụ cột hai','members':['a','c']},"
         "{'id':'a','name_vi':'Chỉ số A','name_en':'Index A','max_points':100},"
         "{'id':'b','name_vi':'Chỉ số B','role':'index','max_points':50},"
         "{'id':'c','name_vi':'Chỉ số C','role':'component','max_points':25.5}]}";

/* Returns the multiplicity of leaf id in node's flattened terms (0 if absent). */
static int64_t multiplicity(const dti_method *m, const dti_node *node, const char *id)
{
    size_t leaf = node_index(m, id);
    for (size_t t = 0; t < node->n_terms; t++) {
        if (node->terms_leaf[t] == leaf)
            return node->terms_mult[t];
    }
    return 0;
}

static void test_shared_members_parse_as_a_dag(void **state)
{
    (void)state;
    dti_method *m = NULL;
    dti_error err;
    assert_int_equal(parse_ticks(shared_dag, &m, &err), DTI_OK);
    assert_non_null(m);
    assert_string_equal(m->id, "toy");
    assert_string_equal(m->title, "Toy");
    assert_string_equal(m->source, "unit test");
    assert_string_equal(m->origin, "toy.json");
    assert_int_equal(m->precision, 4);
    assert_int_equal(m->n_years, 2);
    assert_int_equal(m->years[0], 2030);
    assert_int_equal(m->years[1], 2031);
    assert_int_equal(m->n_nodes, 6);
    assert_int_equal(m->n_leaves, 3);
    assert_string_equal(m->nodes[m->overall].id, "total");

    const dti_node *a = &m->nodes[node_index(m, "a")];
    assert_string_equal(a->name_vi, "Chỉ số A");
    assert_string_equal(a->name_en, "Index A");
    assert_int_equal(a->role, DTI_ROLE_INDEX);
    assert_int_equal(m->nodes[node_index(m, "b")].role, DTI_ROLE_INDEX);
    assert_int_equal(m->nodes[node_index(m, "c")].role, DTI_ROLE_COMPONENT);
    assert_int_equal(m->nodes[node_index(m, "p1")].role, DTI_ROLE_PILLAR);
    assert_int_equal(m->nodes[node_index(m, "total")].role, DTI_ROLE_OVERALL);
    dti_method_free(m);
}

static void test_nodes_come_leaves_first_then_composites_after_their_members(void **state)
{
    (void)state;
    dti_method *m = NULL;
    dti_error err;
    assert_int_equal(parse_ticks(shared_dag, &m, &err), DTI_OK);
    for (size_t k = 0; k < m->n_nodes; k++) {
        const dti_node *n = &m->nodes[k];
        assert_int_equal(n->is_leaf, k < m->n_leaves);
        for (size_t j = 0; j < n->n_members; j++) {
            if (n->members[j] >= k)
                fail_msg("node %s (at %zu) comes before its member %s (at %zu)", n->id, k,
                         m->nodes[n->members[j]].id, n->members[j]);
        }
    }
    /* docs/method-format.md: leaves in file order, then composites with
     * members first, otherwise in file order. */
    static const char *const order[] = {"a", "b", "c", "p1", "p2", "total"};
    for (size_t k = 0; k < m->n_nodes; k++)
        assert_string_equal(m->nodes[k].id, order[k]);
    /* Members keep file order. */
    const dti_node *total = &m->nodes[node_index(m, "total")];
    assert_int_equal(total->n_members, 2);
    assert_int_equal(total->members[0], node_index(m, "p1"));
    assert_int_equal(total->members[1], node_index(m, "p2"));
    const dti_node *p2 = &m->nodes[node_index(m, "p2")];
    assert_int_equal(p2->members[0], node_index(m, "a"));
    assert_int_equal(p2->members[1], node_index(m, "c"));
    dti_method_free(m);
}

static void test_composites_flatten_to_leaves_with_multiplicity(void **state)
{
    (void)state;
    dti_method *m = NULL;
    dti_error err;
    assert_int_equal(parse_ticks(shared_dag, &m, &err), DTI_OK);
    static const struct {
        const char *node;
        int64_t a, b, c;
        size_t n_terms;
    } cases[] = {
        {"p1", 1, 1, 0, 2},
        {"p2", 1, 0, 1, 2},
        {"total", 2, 1, 1, 3}, /* a reached through both pillars */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const dti_node *n = &m->nodes[node_index(m, cases[i].node)];
        assert_int_equal(n->n_terms, cases[i].n_terms);
        assert_int_equal(multiplicity(m, n, "a"), cases[i].a);
        assert_int_equal(multiplicity(m, n, "b"), cases[i].b);
        assert_int_equal(multiplicity(m, n, "c"), cases[i].c);
        for (size_t t = 0; t < n->n_terms; t++)
            assert_true(n->terms_leaf[t] < m->n_leaves);
    }
    dti_method_free(m);
}

static void test_a_member_listed_twice_counts_twice(void **state)
{
    (void)state;
    /* docs/method-format.md: "a member listed twice counts twice".
     * a 10 + a 10 + b 5 = 25 points. */
    dti_method *m = NULL;
    dti_error err;
    assert_int_equal(parse_ticks(HEAD "'overall':'total','nodes':["
                                      "{'id':'a','name_vi':'A','max_points':10},"
                                      "{'id':'b','name_vi':'B','max_points':5},"
                                      "{'id':'total','name_vi':'Tổng','members':['a','b','a']}]}",
                                 &m, &err),
                     DTI_OK);
    const dti_node *total = &m->nodes[node_index(m, "total")];
    assert_int_equal(multiplicity(m, total, "a"), 2);
    assert_int_equal(multiplicity(m, total, "b"), 1);
    assert_int_equal(total->max_milli, 25000);
    assert_int_equal(total->n_members, 3);
    dti_method_free(m);
}

static void test_max_points_are_kept_in_thousandths_and_summed_over_leaves(void **state)
{
    (void)state;
    dti_method *m = NULL;
    dti_error err;
    assert_int_equal(parse_ticks(shared_dag, &m, &err), DTI_OK);
    static const struct {
        const char *id;
        int64_t max_milli;
    } cases[] = {
        {"a", 100000},  {"b", 50000},   {"c", 25500},
        {"p1", 150000}, {"p2", 125500}, {"total", 275500},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t got = m->nodes[node_index(m, cases[i].id)].max_milli;
        if (got != cases[i].max_milli)
            fail_msg("%s: max_milli %lld, expected %lld", cases[i].id, (long long)got,
                     (long long)cases[i].max_milli);
    }
    dti_method_free(m);
}

static void test_name_en_defaults_to_the_id(void **state)
{
    (void)state;
    dti_method *m = NULL;
    dti_error err;
    assert_int_equal(parse_ticks(shared_dag, &m, &err), DTI_OK);
    assert_string_equal(m->nodes[node_index(m, "b")].name_en, "b");
    dti_method_free(m);
}

static void test_citation_defaults_to_the_source_and_must_be_text(void **state)
{
    (void)state;
    dti_method *m = NULL;
    dti_error err;
    assert_int_equal(parse_ticks(shared_dag, &m, &err), DTI_OK);
    assert_string_equal(m->citation, "unit test");
    dti_method_free(m);
    static const char cited[] = "{'id':'toy','title':'Toy','source':'unit test','citation':"
                                "'Quyết định số 1/QĐ','precision':4,'overall':'a','nodes':"
                                "[{'id':'a','name_vi':'A','max_points':1}]}";
    assert_int_equal(parse_ticks(cited, &m, &err), DTI_OK);
    assert_string_equal(m->citation, "Quyết định số 1/QĐ");
    dti_method_free(m);
    static const char bad[] = "{'id':'toy','title':'Toy','source':'unit test','citation':7,"
                              "'precision':4,'overall':'a','nodes':"
                              "[{'id':'a','name_vi':'A','max_points':1}]}";
    m = NULL;
    assert_int_equal(parse_ticks(bad, &m, &err), DTI_ERR_METHOD);
    assert_null(m);
    assert_non_null(strstr(err.message, "\"citation\""));
}

typedef struct {
    const char *label;
    const char *json;
    const char *needle1; /* the message must name these */
    const char *needle2;
} invalid_case;

static void test_invalid_methods_are_rejected_naming_the_node(void **state)
{
    (void)state;
    static const invalid_case cases[] = {
        {"unknown member id",
         HEAD "'overall':'total','nodes':["
              "{'id':'leaf_one','name_vi':'Một','max_points':10},"
              "{'id':'total','name_vi':'Tổng','members':['leaf_one','no_such_node']}]}",
         "total", "no_such_node"},
        {"cycle of two composites",
         HEAD "'overall':'loop_a','nodes':["
              "{'id':'leaf_one','name_vi':'Một','max_points':10},"
              "{'id':'loop_a','name_vi':'A','members':['leaf_one','loop_b']},"
              "{'id':'loop_b','name_vi':'B','members':['loop_a']}]}",
         "loop_", "cycle"},
        {"composite that is its own member",
         HEAD "'overall':'selfish','nodes':["
              "{'id':'leaf_one','name_vi':'Một','max_points':10},"
              "{'id':'selfish','name_vi':'S','members':['leaf_one','selfish']}]}",
         "selfish", "cycle"},
        {"duplicate id",
         HEAD "'overall':'total','nodes':["
              "{'id':'twice_here','name_vi':'Một','max_points':10},"
              "{'id':'twice_here','name_vi':'Hai','max_points':20},"
              "{'id':'total','name_vi':'Tổng','members':['twice_here']}]}",
         "twice_here", NULL},
        {"negative max_points",
         HEAD "'overall':'total','nodes':["
              "{'id':'below_zero','name_vi':'Âm','max_points':-1},"
              "{'id':'total','name_vi':'Tổng','members':['below_zero']}]}",
         "below_zero", "negative"},
        {"composite whose members total zero points",
         HEAD
         "'overall':'total','nodes':["
         "{'id':'scored','name_vi':'Có điểm','max_points':10},"
         "{'id':'unscored_one','name_vi':'Không điểm 1','max_points':0},"
         "{'id':'unscored_two','name_vi':'Không điểm 2','max_points':0},"
         "{'id':'zero_pillar','name_vi':'Trụ cột rỗng','members':['unscored_one','unscored_two']},"
         "{'id':'total','name_vi':'Tổng','members':['scored','zero_pillar']}]}",
         "zero_pillar", NULL},
        {"no overall",
         HEAD "'nodes':["
              "{'id':'leaf_one','name_vi':'Một','max_points':10},"
              "{'id':'total','name_vi':'Tổng','members':['leaf_one']}]}",
         "overall", NULL},
        {"overall names an unknown node",
         HEAD "'overall':'nowhere_node','nodes':["
              "{'id':'leaf_one','name_vi':'Một','max_points':10},"
              "{'id':'total','name_vi':'Tổng','members':['leaf_one']}]}",
         "nowhere_node", NULL},
        {"node with both max_points and members",
         HEAD "'overall':'total','nodes':["
              "{'id':'leaf_one','name_vi':'Một','max_points':10},"
              "{'id':'total','name_vi':'Tổng','max_points':10,'members':['leaf_one']}]}",
         "total", NULL},
        {"id that is not lower-case",
         HEAD "'overall':'total','nodes':["
              "{'id':'Bad-Id','name_vi':'Một','max_points':10},"
              "{'id':'total','name_vi':'Tổng','members':['Bad-Id']}]}",
         "Bad-Id", NULL},
        {"unknown role",
         HEAD "'overall':'total','nodes':["
              "{'id':'odd_role','name_vi':'Một','role':'boss','max_points':10},"
              "{'id':'total','name_vi':'Tổng','members':['odd_role']}]}",
         "odd_role", "boss"},
        {"more than 3 decimals of points",
         HEAD "'overall':'total','nodes':["
              "{'id':'too_fine','name_vi':'Một','max_points':0.0005},"
              "{'id':'total','name_vi':'Tổng','members':['too_fine']}]}",
         "too_fine", NULL},
        {"id that is a unit's output column",
         HEAD "'overall':'total','nodes':["
              "{'id':'rank','name_vi':'Một','max_points':10},"
              "{'id':'total','name_vi':'Tổng','members':['rank']}]}",
         "\"rank\"", "output column"},
        {"id that is another node's rank column",
         HEAD "'overall':'total','nodes':["
              "{'id':'total_rank','name_vi':'Một','max_points':10},"
              "{'id':'total','name_vi':'Tổng','members':['total_rank']}]}",
         "total_rank", "of node \"total\""},
        {"key twice in a node (the first would have won)",
         HEAD "'overall':'total','nodes':["
              "{'id':'leaf_one','name_vi':'Một','max_points':10,'max_points':0},"
              "{'id':'total','name_vi':'Tổng','members':['leaf_one']}]}",
         "\"max_points\" given twice", "\"nodes\" item 1"},
        {"node that is not an object",
         HEAD "'overall':'total','nodes':[7,"
              "{'id':'total','name_vi':'Tổng','members':['leaf_one']}]}",
         "node 1", "not an object"},
        {"node without an id",
         HEAD "'overall':'total','nodes':[{'name_vi':'Một','max_points':10}]}", "node 1",
         "no \"id\""},
        {"node without name_vi",
         HEAD "'overall':'total','nodes':[{'id':'nameless','max_points':10}]}", "nameless",
         "name_vi"},
        {"members that is not an array",
         HEAD "'overall':'total','nodes':["
              "{'id':'leaf_one','name_vi':'Một','max_points':10},"
              "{'id':'total','name_vi':'Tổng','members':'leaf_one'}]}",
         "total", "non-empty array"},
        {"a member that is not a string",
         HEAD "'overall':'total','nodes':["
              "{'id':'leaf_one','name_vi':'Một','max_points':10},"
              "{'id':'total','name_vi':'Tổng','members':[1]}]}",
         "total", "strings"},
        {"max_points that is not a number",
         HEAD "'overall':'total','nodes':["
              "{'id':'wordy','name_vi':'Một','max_points':'ten'},"
              "{'id':'total','name_vi':'Tổng','members':['wordy']}]}",
         "wordy", "must be a number"},
        {"max_points above a million",
         HEAD "'overall':'total','nodes':["
              "{'id':'huge','name_vi':'Một','max_points':2000000},"
              "{'id':'total','name_vi':'Tổng','members':['huge']}]}",
         "huge", "above 1000000"},
        {"a composite above a million points in all",
         HEAD "'overall':'total','nodes':["
              "{'id':'big_a','name_vi':'A','max_points':600000},"
              "{'id':'big_b','name_vi':'B','max_points':600000},"
              "{'id':'total','name_vi':'Tổng','members':['big_a','big_b']}]}",
         "total", "above 1000000"},
        {"no method id", "{'title':'Toy','source':'s','precision':4,'nodes':[]}", "no \"id\"",
         NULL},
        {"no title", "{'id':'toy','source':'s','precision':4,'nodes':[]}", "toy", "no \"title\""},
        {"no source", "{'id':'toy','title':'Toy','precision':4,'nodes':[]}", "toy",
         "no \"source\""},
        {"method id with a space", "{'id':'my toy','title':'T','source':'s','precision':4}",
         "method id", "letters, digits"},
        {"precision of 12", "{'id':'toy','title':'T','source':'s','precision':12}", "toy",
         "0 to 9"},
        {"years that is not an array",
         "{'id':'toy','title':'T','source':'s','precision':4,'years':2021}", "toy",
         "array of years"},
        {"a year with a fraction",
         "{'id':'toy','title':'T','source':'s','precision':4,'years':[2021.5]}", "toy",
         "whole years"},
        {"a method that is not an object", "[1, 2]", "JSON object", NULL},
        {"no nodes", "{'id':'toy','title':'T','source':'s','precision':4}", "toy", "no \"nodes\""},
        {"another node with role overall",
         HEAD "'overall':'total','nodes':["
              "{'id':'leaf_one','name_vi':'Một','max_points':10},"
              "{'id':'other','name_vi':'Khác','role':'overall','members':['leaf_one']},"
              "{'id':'total','name_vi':'Tổng','members':['leaf_one']}]}",
         "other", "\"overall\" is \"total\""},
        {"an overall node of zero points",
         HEAD "'overall':'total','nodes':["
              "{'id':'leaf_one','name_vi':'Một','max_points':0},"
              "{'id':'scored','name_vi':'Hai','max_points':5},"
              "{'id':'total','name_vi':'Tổng','members':['leaf_one']}]}",
         "total", "zero max points"},
        {"text after the method's object",
         HEAD "'overall':'total','nodes':["
              "{'id':'leaf_one','name_vi':'Một','max_points':10},"
              "{'id':'total','name_vi':'Tổng','members':['leaf_one']}]} []",
         "text after the end", "[]"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const invalid_case *c = &cases[i];
        dti_method *m = NULL;
        dti_error err;
        dti_status st = parse_ticks(c->json, &m, &err);
        if (st != DTI_ERR_METHOD || m != NULL)
            fail_msg("%s: got status %d (method %p), expected DTI_ERR_METHOD", c->label, (int)st,
                     (void *)m);
        if (err.status != DTI_ERR_METHOD || strcmp(err.file, "toy.json") != 0)
            fail_msg("%s: error record has status %d, file \"%s\"", c->label, (int)err.status,
                     err.file);
        if (strstr(err.message, c->needle1) == NULL ||
            (c->needle2 != NULL && strstr(err.message, c->needle2) == NULL))
            fail_msg("%s: message \"%s\" does not name \"%s\"%s%s", c->label, err.message,
                     c->needle1, c->needle2 ? " and " : "", c->needle2 ? c->needle2 : "");
    }
}

static void test_invalid_json_is_a_method_error_at_its_line(void **state)
{
    (void)state;
    static const char text[] = "{\n  \"id\": \"x\",\n  oops\n}";
    dti_method *m = NULL;
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_method_parse(text, strlen(text), "broken.json", &m, &err), DTI_ERR_METHOD);
    assert_null(m);
    assert_string_equal(err.file, "broken.json");
    assert_int_equal(err.line, 3);

    assert_int_equal(dti_method_parse("", 0, "empty.json", &m, &err), DTI_ERR_METHOD);
    assert_null(m);
    assert_int_equal(dti_method_parse("[1,2]", 5, "array.json", &m, &err), DTI_ERR_METHOD);
    assert_null(m);
}

static void test_a_nul_byte_is_refused_at_its_place_not_skipped_as_a_space(void **state)
{
    (void)state;
    /* Line 2, column 3: after the line feed, the two spaces. cJSON alone
     * would take the NUL for white space and read the object. */
    static const char text[] = "{\n  \0\"id\": \"x\"}";
    dti_method *m = NULL;
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_method_parse(text, sizeof text - 1, "nul.json", &m, &err), DTI_ERR_METHOD);
    assert_null(m);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 3);
    assert_string_equal(err.message, "NUL byte (not allowed in JSON text)");
}

static void test_qd922_has_nine_indices_and_four_composites_of_1000_points(void **state)
{
    (void)state;
    dti_method *m = load_builtin_method("qd922");
    assert_string_equal(m->id, "qd922");
    assert_int_equal(m->n_leaves, 9);
    assert_int_equal(m->n_nodes, 13);
    assert_int_equal(m->precision, 4);
    assert_string_equal(m->nodes[m->overall].id, "dti");
    assert_int_equal(m->nodes[m->overall].role, DTI_ROLE_OVERALL);
    assert_int_equal(m->n_years, 3);
    assert_int_equal(m->years[0], 2021);
    assert_int_equal(m->years[2], 2023);
    static const struct {
        const char *id;
        int64_t max_milli;
        int is_leaf;
    } cases[] = {
        /* Phụ lục 1 of Decision 922: foundation 5 x 100, activities 200/150/150. */
        {"nhan_thuc_so", 100000, 1},
        {"the_che_so", 100000, 1},
        {"ha_tang_so", 100000, 1},
        {"nhan_luc_so", 100000, 1},
        {"an_toan_thong_tin", 100000, 1},
        {"hd_chinh_quyen_so", 200000, 1},
        {"hd_kinh_te_so", 150000, 1},
        {"hd_xa_hoi_so", 150000, 1},
        {"do_thi_thong_minh", 0, 1}, /* reported, not scored */
        /* 500 foundation + 200 = 700; 500 + 150 = 650; 500 + 150 = 650. */
        {"chinh_quyen_so", 700000, 0},
        {"kinh_te_so", 650000, 0},
        {"xa_hoi_so", 650000, 0},
        {"dti", 1000000, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const dti_node *n = &m->nodes[node_index(m, cases[i].id)];
        if (n->max_milli != cases[i].max_milli || n->is_leaf != cases[i].is_leaf)
            fail_msg("%s: max_milli %lld leaf %d, expected %lld leaf %d", cases[i].id,
                     (long long)n->max_milli, n->is_leaf, (long long)cases[i].max_milli,
                     cases[i].is_leaf);
    }
    /* Each pillar counts every foundation index once, plus its own activity. */
    const dti_node *cqs = &m->nodes[node_index(m, "chinh_quyen_so")];
    assert_int_equal(cqs->n_terms, 6);
    assert_int_equal(multiplicity(m, cqs, "nhan_thuc_so"), 1);
    assert_int_equal(multiplicity(m, cqs, "hd_chinh_quyen_so"), 1);
    assert_int_equal(multiplicity(m, cqs, "hd_kinh_te_so"), 0);
    assert_int_equal(m->nodes[node_index(m, "dti")].n_terms, 8);
    dti_method_free(m);
}

static void test_qd1726_weights_the_pillars_400_300_300(void **state)
{
    (void)state;
    dti_method *m = load_builtin_method("qd1726");
    assert_int_equal(m->n_leaves, 3);
    assert_int_equal(m->n_nodes, 4);
    assert_int_equal(m->nodes[node_index(m, "chinh_quyen_so")].max_milli, 400000);
    assert_int_equal(m->nodes[node_index(m, "kinh_te_so")].max_milli, 300000);
    assert_int_equal(m->nodes[node_index(m, "xa_hoi_so")].max_milli, 300000);
    assert_int_equal(m->nodes[m->overall].max_milli, 1000000);
    assert_string_equal(m->nodes[m->overall].id, "dti");
    dti_method_free(m);
}

/* DTI 2020's published groups (Nhóm 1 > 0.4000, Nhóm 2 0.3250-0.4000,
 * Nhóm 3 0.2500-0.3250, Nhóm 4 < 0.2500), judged on the rounded value in
 * 10^-4: 0.4000 is Nhóm 2 ("> 0.4000"), 0.3250 Nhóm 2 (our choice),
 * 0.2500 Nhóm 3 ("< 0.2500" is Nhóm 4). */
static void test_groups_of_2020_take_the_documented_side_of_each_boundary(void **state)
{
    (void)state;
    dti_method *m = NULL;
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_method_load_builtin("qd1726", &m, &err), DTI_OK);
    static const struct {
        int64_t value;
        const char *group;
    } cases[] = {
        {10000, "Nhóm 1"}, {4001, "Nhóm 1"}, {4000, "Nhóm 2"}, {3251, "Nhóm 2"}, {3250, "Nhóm 2"},
        {3249, "Nhóm 3"},  {2500, "Nhóm 3"}, {2499, "Nhóm 4"}, {0, "Nhóm 4"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *g = dti_method_group(m, m->overall, cases[i].value);
        if (g == NULL || strcmp(g, cases[i].group) != 0)
            fail_msg("%lld: group %s, expected %s", (long long)cases[i].value, g ? g : "(none)",
                     cases[i].group);
    }
    assert_null(dti_method_group(m, node_index(m, "kinh_te_so"), 5000));
    dti_method_free(m);
}

/* A province's own bands with no catch-all: below the last band is no
 * group; a string bound is read exactly. */
static void test_groups_without_a_last_catch_all_leave_low_values_ungrouped(void **state)
{
    (void)state;
    dti_method *m = NULL;
    dti_error err;
    assert_int_equal(
        parse_ticks(HEAD "'overall':'t','nodes':[{'id':'a','name_vi':'A','max_points':1},"
                         "{'id':'t','name_vi':'T','members':['a'],'groups':["
                         "{'name':'Khá','at_least':'0.5000'},{'name':'Trung bình','above':0.3}]}]}",
                    &m, &err),
        DTI_OK);
    assert_string_equal(dti_method_group(m, m->overall, 5000), "Khá");
    assert_string_equal(dti_method_group(m, m->overall, 4999), "Trung bình");
    assert_string_equal(dti_method_group(m, m->overall, 3001), "Trung bình");
    assert_null(dti_method_group(m, m->overall, 3000));
    assert_null(dti_method_group(m, node_index(m, "a"), 9000));
    dti_method_free(m);
}

static void test_builtin_list_names_both_decisions_and_the_2024_points(void **state)
{
    (void)state;
    assert_int_equal(dti_method_builtin_count(), 3);
    int seen922 = 0, seen1726 = 0, seen2024 = 0;
    for (size_t i = 0; i < dti_method_builtin_count(); i++) {
        seen922 |= strcmp(dti_method_builtin_id(i), "qd922") == 0;
        seen1726 |= strcmp(dti_method_builtin_id(i), "qd1726") == 0;
        seen2024 |= strcmp(dti_method_builtin_id(i), "dti2024") == 0;
    }
    assert_true(seen922 && seen1726 && seen2024);
    assert_null(dti_method_builtin_id(3));
}

/* The 2024 points inferred from the published results: 50/50/140/100/100
 * foundation (440), activities 200/150/150, 940 in all; pillars 640/590/590. */
static void test_2024_method_has_the_inferred_points_and_says_so(void **state)
{
    (void)state;
    dti_method *m = NULL;
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_method_load_builtin("dti2024", &m, &err), DTI_OK);
    static const struct {
        const char *id;
        int64_t milli;
    } points[] = {
        {"nhan_thuc_so", 50000},
        {"the_che_so", 50000},
        {"ha_tang_so", 140000},
        {"nhan_luc_so", 100000},
        {"an_toan_thong_tin", 100000},
        {"hd_chinh_quyen_so", 200000},
        {"hd_kinh_te_so", 150000},
        {"hd_xa_hoi_so", 150000},
        {"do_thi_thong_minh", 0},
        {"chinh_quyen_so", 640000},
        {"kinh_te_so", 590000},
        {"xa_hoi_so", 590000},
        {"dti", 940000},
    };
    for (size_t i = 0; i < sizeof points / sizeof points[0]; i++) {
        size_t k = node_index(m, points[i].id);
        if (m->nodes[k].max_milli != points[i].milli)
            fail_msg("%s: %lld milli-points, expected %lld", points[i].id,
                     (long long)m->nodes[k].max_milli, (long long)points[i].milli);
    }
    assert_non_null(strstr(m->title, "suy ra từ kết quả công bố"));
    assert_non_null(strstr(m->source, "Inferred from the published DTI 2024 results"));
    assert_int_equal(m->n_years, 1);
    assert_int_equal(m->years[0], 2024);
    dti_method_free(m);
}

static void test_evaluation_year_picks_the_decision_in_force(void **state)
{
    (void)state;
    static const struct {
        int year;
        dti_status status;
        const char *id;
    } cases[] = {
        {2020, DTI_OK, "qd1726"},    {2021, DTI_OK, "qd922"},   {2022, DTI_OK, "qd922"},
        {2023, DTI_OK, "qd922"},     {2024, DTI_OK, "dti2024"}, {2019, DTI_ERR_USAGE, NULL},
        {2025, DTI_ERR_USAGE, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dti_method *m = NULL;
        dti_error err;
        dti_error_clear(&err);
        dti_status st = dti_method_load_for_year(cases[i].year, &m, &err);
        if (st != cases[i].status)
            fail_msg("year %d: status %d, expected %d", cases[i].year, (int)st,
                     (int)cases[i].status);
        if (cases[i].id == NULL) {
            assert_null(m);
            assert_int_equal(err.status, DTI_ERR_USAGE);
        } else {
            assert_non_null(m);
            assert_string_equal(m->id, cases[i].id);
        }
        dti_method_free(m);
    }
}

static void test_unknown_builtin_is_a_usage_error(void **state)
{
    (void)state;
    dti_method *m = NULL;
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_method_load_builtin("qd999", &m, &err), DTI_ERR_USAGE);
    assert_null(m);
    assert_non_null(strstr(err.message, "qd999"));
}

static void test_method_file_matches_the_builtin(void **state)
{
    (void)state;
    dti_method *file = NULL;
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_method_load_file(DTI_SOURCE_DIR "/data/methods/qd922.json", &file, &err),
                     DTI_OK);
    dti_method *builtin = load_builtin_method("qd922");
    assert_int_equal(file->n_nodes, builtin->n_nodes);
    for (size_t k = 0; k < file->n_nodes; k++) {
        assert_string_equal(file->nodes[k].id, builtin->nodes[k].id);
        assert_int_equal(file->nodes[k].max_milli, builtin->nodes[k].max_milli);
    }
    assert_string_equal(file->origin, DTI_SOURCE_DIR "/data/methods/qd922.json");
    dti_method_free(file);
    dti_method_free(builtin);
}

/* A directory opens but does not read (EISDIR); a method file over the
 * 16 MiB limit is refused before it is parsed. */
static void test_unreadable_and_oversized_method_files_are_refused(void **state)
{
    (void)state;
    dti_method *m = NULL;
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_method_load_file(DTI_SOURCE_DIR "/data", &m, &err), DTI_ERR_IO);
    assert_null(m);
    assert_string_equal(err.message, "cannot read method file");

    char path[] = "/tmp/dti-big-method-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    static char spaces[1 << 16];
    memset(spaces, ' ', sizeof spaces);
    for (int i = 0; i < 257; i++) /* 257 x 64 KiB = 16 MiB + 64 KiB */
        assert_int_equal(fwrite(spaces, 1, sizeof spaces, f), sizeof spaces);
    assert_int_equal(fclose(f), 0);
    dti_error_clear(&err);
    dti_status st = dti_method_load_file(path, &m, &err);
    remove(path);
    assert_int_equal(st, DTI_ERR_METHOD);
    assert_null(m);
    assert_string_equal(err.message, "method file larger than 16 MiB");
}

static void test_missing_method_file_is_an_io_error(void **state)
{
    (void)state;
    dti_method *m = NULL;
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_method_load_file(DTI_SOURCE_DIR "/no/such/method.json", &m, &err),
                     DTI_ERR_IO);
    assert_null(m);
    assert_string_equal(err.file, DTI_SOURCE_DIR "/no/such/method.json");
}

/* dti_method_load_named: a built-in id, else a file; a missing name
 * without '/' or '.' is a mistyped id (usage), one with them a missing
 * file (I/O). */
static void test_a_named_method_is_a_builtin_id_or_a_file(void **state)
{
    (void)state;
    dti_method *m = NULL;
    dti_error err;
    dti_error_clear(&err);
    assert_int_equal(dti_method_load_named("qd1726", &m, &err), DTI_OK);
    assert_string_equal(m->origin, "built-in method qd1726");
    dti_method_free(m);
    assert_int_equal(dti_method_load_named(DTI_SOURCE_DIR "/data/methods/dti2024.json", &m, &err),
                     DTI_OK);
    assert_string_equal(m->id, "dti2024");
    assert_string_equal(m->origin, DTI_SOURCE_DIR "/data/methods/dti2024.json");
    dti_method_free(m);
    assert_int_equal(dti_method_load_named("qd999", &m, &err), DTI_ERR_USAGE);
    assert_null(m);
    assert_string_equal(err.message,
                        "no built-in method or method file 'qd999' (see: dti methods)");
    assert_int_equal(dti_method_load_named("qd999.json", &m, &err), DTI_ERR_IO);
    assert_null(m);
}

static void test_find_returns_minus_one_for_unknown_ids_and_free_accepts_null(void **state)
{
    (void)state;
    dti_method *m = load_builtin_method("qd922");
    assert_int_equal(dti_method_find(m, "no_such_node"), (size_t)-1);
    assert_string_equal(m->nodes[dti_method_find(m, "hd_xa_hoi_so")].id, "hd_xa_hoi_so");
    dti_method_free(m);
    dti_method_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shared_members_parse_as_a_dag),
        cmocka_unit_test(test_nodes_come_leaves_first_then_composites_after_their_members),
        cmocka_unit_test(test_composites_flatten_to_leaves_with_multiplicity),
        cmocka_unit_test(test_max_points_are_kept_in_thousandths_and_summed_over_leaves),
        cmocka_unit_test(test_a_member_listed_twice_counts_twice),
        cmocka_unit_test(test_name_en_defaults_to_the_id),
        cmocka_unit_test(test_citation_defaults_to_the_source_and_must_be_text),
        cmocka_unit_test(test_invalid_methods_are_rejected_naming_the_node),
        cmocka_unit_test(test_invalid_json_is_a_method_error_at_its_line),
        cmocka_unit_test(test_a_nul_byte_is_refused_at_its_place_not_skipped_as_a_space),
        cmocka_unit_test(test_qd922_has_nine_indices_and_four_composites_of_1000_points),
        cmocka_unit_test(test_qd1726_weights_the_pillars_400_300_300),
        cmocka_unit_test(test_builtin_list_names_both_decisions_and_the_2024_points),
        cmocka_unit_test(test_2024_method_has_the_inferred_points_and_says_so),
        cmocka_unit_test(test_groups_of_2020_take_the_documented_side_of_each_boundary),
        cmocka_unit_test(test_groups_without_a_last_catch_all_leave_low_values_ungrouped),
        cmocka_unit_test(test_evaluation_year_picks_the_decision_in_force),
        cmocka_unit_test(test_unknown_builtin_is_a_usage_error),
        cmocka_unit_test(test_method_file_matches_the_builtin),
        cmocka_unit_test(test_missing_method_file_is_an_io_error),
        cmocka_unit_test(test_unreadable_and_oversized_method_files_are_refused),
        cmocka_unit_test(test_a_named_method_is_a_builtin_id_or_a_file),
        cmocka_unit_test(test_find_returns_minus_one_for_unknown_ids_and_free_accepts_null),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
