#include "publish/push_command.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <fstream>
#include <thread>

namespace procura::publish {
namespace {
namespace fs = std::filesystem;

class PushCommandTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("push-test-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string Read(const std::string& name) {
    std::ifstream in(dir_ / name);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  fs::path dir_;
};

TEST_F(PushCommandTest, ACommandThatSucceedsIsOkAndSeesWhereAndWhat) {
  PushCommand push{"echo \"$PROCURA_EXPORT_DIR $PROCURA_EXPORT_CHANGE\" > \"$PROCURA_EXPORT_DIR/pushed\"; "
                   "echo some chatter; echo more >&2"};
  ASSERT_TRUE(RunPush(push, dir_, 4812).ok());
  EXPECT_EQ(Read("pushed"), dir_.string() + " 4812\n");
}

TEST_F(PushCommandTest, AFailureSaysItsExitStatusAndItsLastLines) {
  PushCommand push{"i=0; while [ $i -lt 200 ]; do echo line $i; i=$((i+1)); done; "
                   "echo 'ssh: connect to host dmz-web port 22: Connection refused' >&2; exit 255"};
  const Status s = RunPush(push, dir_, 1);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("exit status 255"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("dmz-web port 22: Connection refused"), std::string::npos) << s.message();
  EXPECT_EQ(s.message().find("line 0\n"), std::string::npos) << "only the last lines are kept";
  EXPECT_LT(s.message().size(), 700u);
}

TEST_F(PushCommandTest, ACommandThatHangsIsStoppedWithItsChildren) {
  PushCommand push{"sleep 60 & echo $! > \"$PROCURA_EXPORT_DIR/child\"; echo waiting; wait",
                   std::chrono::seconds(1)};
  const Status s = RunPush(push, dir_, 1);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("did not finish within 1 s"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("waiting"), std::string::npos) << s.message();
  const std::string child = Read("child");
  ASSERT_FALSE(child.empty());
  const fs::path proc = "/proc/" + std::to_string(std::stoi(child)) + "/stat";
  bool gone = false;
  for (int i = 0; i < 100 && !gone; ++i) {  // reparented, then reaped by init
    std::ifstream stat(proc);
    std::string text((std::istreambuf_iterator<char>(stat)), {});
    gone = text.empty() || text.find(") Z") != std::string::npos;
    if (!gone) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_TRUE(gone) << "the push's background sleep still runs";
}

TEST_F(PushCommandTest, AStopCutsARunningPushShort) {
  std::atomic<bool> stop{false};
  std::thread stopper([&stop] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    stop = true;
  });
  const Status s = RunPush({"echo started; sleep 60"}, dir_, 1, {}, &stop);
  stopper.join();
  ASSERT_FALSE(s.ok()) << "a 60 s push with a 600 s timeout ended early";
  EXPECT_NE(s.message().find("procura is stopping"), std::string::npos) << s.message();
}

TEST_F(PushCommandTest, AKilledCommandSaysSo) {
  const Status s = RunPush({"kill -KILL $$"}, dir_, 1);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("signal 9"), std::string::npos) << s.message();
}

TEST(PushCommandCheck, LimitsAreExplicit) {
  EXPECT_TRUE(CheckPushCommand({"rsync -a /srv/export/ dmz:/srv/www/"}).ok());
  EXPECT_EQ(CheckPushCommand({""}).code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(CheckPushCommand({"  "}).code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(CheckPushCommand({"rsync\nrm -rf /"}).code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(CheckPushCommand({"true", std::chrono::seconds(0)}).code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(CheckPushCommand({"true", kMaxPushTimeout + std::chrono::seconds(1)}).code(),
            Status::Code::kInvalidArgument);
  EXPECT_NE(CheckPushCommand({"true", std::chrono::seconds(0)}).message().find("--push-timeout"),
            std::string::npos);
}

}  // namespace

TEST(PushKey, NamesTheCommandWithoutHoldingIt) {
  const std::string key = PushKey("RSYNC_PASSWORD=geheim rsync -a . web::www/");
  EXPECT_EQ(key.size(), 16u);
  EXPECT_EQ(key.find("geheim"), std::string::npos);
  EXPECT_EQ(key, PushKey("RSYNC_PASSWORD=geheim rsync -a . web::www/")) << "the same command, the same key";
  EXPECT_NE(key, PushKey("RSYNC_PASSWORD=geheim rsync -a . web2::www/")) << "another server, another key";
  EXPECT_EQ(PushKey(""), "");
  EXPECT_EQ(PushKey("abc"), "ba7816bf8f01cfea") << "SHA-256's first 8 bytes";
}

}  // namespace procura::publish
