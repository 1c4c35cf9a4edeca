"""The bottom floor: the official format as data, the report's plain data, problems and the rule catalogue, text, OOXML, safe XML, output files, resources. Imports nothing else of reportgen."""
