// Helpers shared by the workflow's source files (workflow*.cc); not a
// public interface.
#pragma once

#include <string>

#include "auth/permissions.h"
#include "core/status.h"
#include "storage/records.h"

namespace procura::workflow_detail {

RevisionRecord RevisionOf(const ArticleRecord& a, const auth::Principal& who, std::string note);
// Copies a revision's editable fields into `a`.
void ApplyRevision(ArticleRecord& a, const RevisionRecord& r);
// Test-only (PROCURA_FAULT=kill-after-commit): dies between a commit and
// its announcement.
void MaybeCrashForTest();
// Invalid: `action` (a msgid) is not possible in the article's state.
Status WrongState(const char* action, const ArticleRecord& a);

}  // namespace procura::workflow_detail
