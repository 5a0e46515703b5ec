"""The committee report: pipeline (papermill → HTML, PDF, XLSX), tables, charts and display
helpers used by the notebooks. Imports `kreis` and the layers below it."""
