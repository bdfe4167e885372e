// OrgRepository over the SQL layer (both backends).
#pragma once

#include <mutex>

#include "storage/org_repository.h"
#include "storage/sql/sql.h"

namespace procura::sql {

class SqlOrgRepository final : public OrgRepository {
 public:
  SqlOrgRepository(Database& db) : db_(db) {}
  Result<std::int64_t> InsertUnit(const OrgUnitRecord& u) override;
  Result<std::vector<OrgUnitRecord>> ListUnits() override;
  Status UpdateUnit(const OrgUnitRecord& u) override;
  Status DissolveUnit(std::int64_t id, const std::string& day, const std::string& note) override;
  Result<std::int64_t> InsertMember(const MemberRecord& m) override;
  Result<std::optional<MemberRecord>> GetMember(std::int64_t id) override;
  Result<std::vector<MemberRecord>> ListMembers(std::optional<std::int64_t> branch) override;
  Status UpdateMember(const MemberRecord& m) override;
  Status AddPost(const PostRecord& p) override;
  Result<std::vector<PostRecord>> ListPosts() override;
  Status RemovePosts(std::int64_t member_id, std::int64_t unit_id) override;
  Status InsertTransfer(const TransferRecord& t) override;
  Result<std::vector<TransferRecord>> ListTransfers(std::int64_t member_id) override;
  Result<std::vector<TransferRecord>> ListTransfersOutOf(std::int64_t branch) override;
  Status EndPost(const PostRecord& held, const std::string& ended_on) override;
  Status ReinstatePost(const FormerPostRecord& p) override;
  Result<std::vector<FormerPostRecord>> ListFormerPosts(std::optional<std::int64_t> member) override;
  Result<std::int64_t> InsertFormerPost(const FormerPostRecord& p) override;
  Status DeleteFormerPost(std::int64_t id) override;
  Result<std::optional<MemberRecord>> MemberForUser(std::int64_t user_id) override;
  Result<std::int64_t> InsertApplicant(const ApplicantRecord& a) override;
  Result<std::optional<ApplicantRecord>> GetApplicant(std::int64_t id) override;
  Result<std::vector<ApplicantRecord>> ListApplicants(std::optional<std::int64_t> branch) override;
  Status UpdateApplicant(const ApplicantRecord& a) override;
  Status PutApplicantStep(const ApplicantStepRecord& s) override;
  Status DeleteApplicantStep(std::int64_t applicant_id, const std::string& step) override;
  Result<std::vector<ApplicantStepRecord>> ListApplicantSteps(
      std::optional<std::int64_t> branch) override;
  Result<std::vector<ApplicantStepRecord>> StepsOfApplicant(std::int64_t applicant_id) override;

 private:
  Result<std::vector<MemberRecord>> Members(const std::string& where,
                                            std::optional<std::int64_t> arg);
  // Transfers matching `where` (one "?" bound to `value`), by time, then id.
  Result<std::vector<TransferRecord>> Transfers(const char* where, std::int64_t value);
  Database& db_;
};

}  // namespace procura::sql
