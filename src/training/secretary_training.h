// 新任党支部书记任职培训: the national party-member education plan asks that a
// new branch secretary be trained within six months of taking the post. A
// secretary whose post has a day (given with the post, or the day it was
// given in procura; posts carried over without one are not judged) is
// trained once a session of any centralized (not online) class held on or
// after that day credits them hours (present, or late with credit), or
// once a centralized course
// elsewhere beginning on or after it is on record (outside_training.h).
#pragma once

#include <string>
#include <vector>

#include "auth/permissions.h"
#include "core/status.h"
#include "storage/storage.h"

namespace procura::training {

inline constexpr int kNewSecretaryTrainingMonths = 6;
// An untrained secretary stays on the list this long past the due day
// (posts entered with their day from years back are history, not news);
// their member page still says the training is not on record.
inline constexpr int kOverdueListedMonths = 12;

struct NewSecretary {
  MemberRecord member;
  std::string branch;      // the branch's name
  std::string since;       // the day the post was taken
  std::string due;         // since + six months
  std::string trained_on;  // the first crediting session's day; "" while untrained
};

// The secretaries of standing branches whose post has a day and who are
// not yet trained as of `today` (YYYY-MM-DD), by due day (the most
// pressing first), leaving out those due more than kOverdueListedMonths
// before `today`. Records officer only (Denied otherwise).
Result<std::vector<NewSecretary>> UntrainedNewSecretaries(Storage& storage,
                                                          const auth::Principal& who,
                                                          const std::string& today);

// The same for one secretary's post, trained or not (NotFound when `member`
// holds no dated secretary post of a standing branch). No access check.
Result<NewSecretary> NewSecretaryTraining(Storage& storage, std::int64_t member);

}  // namespace procura::training
