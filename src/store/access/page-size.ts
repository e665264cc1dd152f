/** The largest page a list answers (API `limit`, CLI `--limit`); a module without imports so the CLI's help can name it. */
export const MAX_PAGE = 1000;
