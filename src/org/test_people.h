// For tests on a real storage: a signed-in user with roles, and a party
// member in a branch (optionally linked to an account).
#pragma once

#include <optional>
#include <set>
#include <stdexcept>
#include <string>

#include "auth/permissions.h"
#include "storage/storage.h"

namespace procura::testing {

inline auth::Principal AddPrincipal(Storage& storage, const std::string& name,
                                    std::set<auth::Role> roles) {
  UserRecord u;
  u.name = name;
  u.password_hash = "x";
  auto id = storage.users().InsertUser(u);
  if (!id.ok()) throw std::runtime_error(id.status().message());
  auth::Principal p;
  p.user_id = *id;
  p.name = name;
  p.roles = std::move(roles);
  return p;
}

inline std::int64_t AddPartyMember(Storage& storage, const std::string& name, std::int64_t branch,
                                   std::optional<std::int64_t> user) {
  MemberRecord m;
  m.name = name;
  m.branch_id = branch;
  m.status = "full";
  m.gender = "male";
  m.user_id = user;
  auto id = storage.org().InsertMember(m);
  if (!id.ok()) throw std::runtime_error(id.status().message());
  return *id;
}

}  // namespace procura::testing
