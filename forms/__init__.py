"""WTForms classes, one module per area. Their labels and help texts are the single
source of the questions the pages (and later the documents) ask."""
