// The IDs an ingest accepts for articles (they appear in URLs, file names and the export).

export const ARTICLE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** What a usable ID is, for messages. */
export const ARTICLE_ID_RULE = 'letters, digits, . _ : - only, starting with a letter or digit, at most 128 characters';
