// The four stages of 发展党员 (see applicants.h) and how an applicant's
// record says which one they have reached.
#pragma once

#include <string>

#include "storage/storage.h"

namespace procura::org {

enum class ApplicantStage { kApplicant, kActivist, kCandidate, kAdmitted };

// The furthest stage `a` has reached.
ApplicantStage StageOf(const ApplicantRecord& a);
// True once the application is no longer pursued (stopped_on set).
inline bool IsStopped(const ApplicantRecord& a) { return !a.stopped_on.empty(); }
// "applicant", "activist", "candidate", "admitted".
const char* StageCode(ApplicantStage s);
// The date `a` reached stage `s` ("" if not yet).
const std::string& StageDateOf(const ApplicantRecord& a, ApplicantStage s);

}  // namespace procura::org
