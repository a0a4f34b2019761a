"""Outputs: the workbook, the JSON lines, CSV, the graph export. All written atomically."""
