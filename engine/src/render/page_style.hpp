#pragma once
// The style every plain page of tables shares (`fit` and `replay`; private to the engine): a
// macro, so that a page's own rules join it as one string literal.

#define RELIASIM_TABLE_PAGE_STYLE                                                         \
  "body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;" \
  "color:#222}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;"   \
  "padding:3px 7px;text-align:left;font-size:0.9em}th{background:#f3f3f3}"                \
  ".record{color:#555;font-size:0.9em}"
