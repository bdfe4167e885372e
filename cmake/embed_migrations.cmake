# Writes OUT: a C++ table of the SQL migrations in FILES (NNNN_name.sql,
# separated by "|").
string(REPLACE "|" ";" FILES "${FILES}")
set(body "// Generated from src/storage/migrations/*.sql. Do not edit.\n#include \"storage/migrations.h\"\nnamespace procura {\nconst std::vector<Migration>& EmbeddedMigrations() {\n  static const std::vector<Migration> kMigrations = {\n")
foreach(f ${FILES})
  get_filename_component(name ${f} NAME_WE)
  string(REGEX MATCH "^[0-9]+" num ${name})
  math(EXPR version "${num}")
  file(READ ${f} sql)
  string(APPEND body "    {${version}, \"${name}\", R\"procura_sql(${sql})procura_sql\"},\n")
endforeach()
string(APPEND body "  };\n  return kMigrations;\n}\n}  // namespace procura\n")
file(WRITE ${OUT} "${body}")
