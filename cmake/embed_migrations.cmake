# Writes OUT: a C++ table of the SQL migrations in FILES (NNNN_name.sql,
# separated by "|").
string(REPLACE "|" ";" FILES "${FILES}")
# FUNC, NS and HEADER name the generated function, its namespace and the
# header that declares it.
set(body "// Generated from migration files. Do not edit.\n#include \"${HEADER}\"\nnamespace ${NS} {\nconst std::vector<Migration>& ${FUNC}() {\n  static const std::vector<Migration> kMigrations = {\n")
foreach(f ${FILES})
  get_filename_component(name ${f} NAME_WE)
  string(REGEX MATCH "^[0-9]+" num ${name})
  math(EXPR version "${num}")
  file(READ ${f} sql)
  string(APPEND body "    {${version}, \"${name}\", R\"procura_sql(${sql})procura_sql\"},\n")
endforeach()
string(APPEND body "  };\n  return kMigrations;\n}\n}  // namespace ${NS}\n")
file(WRITE ${OUT} "${body}")
