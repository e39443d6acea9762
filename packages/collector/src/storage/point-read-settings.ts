/**
 * Settings for the reads behind single pages (a trace by id, the list page's roots and their
 * trace_index rows): each reads a few granules, so planning is most of its cost. The classic
 * planner plans these 1–2 ms faster than the analyzer on chDB 26 (1 M spans: trace by id p50
 * 13.3 → 11.0 ms, list page 15.5 → 14.4 ms), and one thread avoids starting a parallel pipeline
 * for one granule. `allow_experimental_analyzer` is spelled so that servers from 24.3 accept it.
 */
export const POINT_READ_SETTINGS = 'allow_experimental_analyzer = 0, max_threads = 1';

/** Same planner choice for reads that may scan (filters, text search): keeps their parallelism. */
export const CLASSIC_PLANNER_SETTING = 'allow_experimental_analyzer = 0';
