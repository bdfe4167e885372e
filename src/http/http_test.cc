#include <gtest/gtest.h>

#include "http/router.h"
#include "http/server.h"

namespace procura::http {
namespace {

Handler Named(std::string name) {
  return [name](const Request&, const RouteParams&) { return Response::Text(200, name); };
}

std::string Call(const Router& r, std::string_view method, std::string_view path,
                 RouteParams* params = nullptr) {
  auto m = r.Find(method, path);
  if (!m.handler) return m.allowed.empty() ? "404" : "405";
  if (params) *params = m.params;
  return *(*m.handler)(Request{}, m.params).body;
}

TEST(Router, MatchesLiteralsAndCaptures) {
  Router r;
  r.Add("GET", "/", Named("home"));
  r.Add("GET", "/columns/{slug}/", Named("column"));
  r.Add("GET", "/columns/{slug}/page/{n}/", Named("page"));
  r.Add("GET", "/static/{path*}", Named("static"));
  RouteParams p;
  EXPECT_EQ(Call(r, "GET", "/"), "home");
  EXPECT_EQ(Call(r, "GET", "/columns/notices/", &p), "column");
  EXPECT_EQ(p["slug"], "notices");
  EXPECT_EQ(Call(r, "GET", "/columns/notices/page/3/", &p), "page");
  EXPECT_EQ(p["n"], "3");
  EXPECT_EQ(Call(r, "GET", "/static/css/site.css", &p), "static");
  EXPECT_EQ(p["path"], "css/site.css");
}

TEST(Router, TrailingSlashIsSignificant) {
  Router r;
  r.Add("GET", "/columns/{slug}/", Named("column"));
  EXPECT_EQ(Call(r, "GET", "/columns/notices"), "404");
  EXPECT_EQ(Call(r, "GET", "/columns//"), "404");  // empty capture
  EXPECT_EQ(Call(r, "GET", "/columns/a/b/"), "404");
}

TEST(Router, HeadUsesGetAndOtherMethodsGet405) {
  Router r;
  r.Add("GET", "/", Named("home"));
  EXPECT_EQ(Call(r, "HEAD", "/"), "home");
  auto m = r.Find("POST", "/");
  EXPECT_EQ(m.handler, nullptr);
  ASSERT_EQ(m.allowed.size(), 2u);
  EXPECT_EQ(m.allowed[0], "GET");
  EXPECT_EQ(m.allowed[1], "HEAD");
}

TEST(Router, CapturesArePercentDecodedAndValidated) {
  Router r;
  r.Add("GET", "/columns/{slug}/", Named("column"));
  RouteParams p;
  EXPECT_EQ(Call(r, "GET", "/columns/%E5%85%9A%E5%BB%BA/", &p), "column");
  EXPECT_EQ(p["slug"], "党建");
  EXPECT_EQ(Call(r, "GET", "/columns/%ff/"), "404");  // not UTF-8
  EXPECT_EQ(Call(r, "GET", "/columns/%zz/"), "404");  // bad escape
}

TEST(ListenAddress, ParsesIpv4Ipv6AndRejectsJunk) {
  std::string host;
  unsigned short port = 0;
  ASSERT_TRUE(ParseListenAddress("127.0.0.1:8080", &host, &port).ok());
  EXPECT_EQ(host, "127.0.0.1");
  EXPECT_EQ(port, 8080);
  ASSERT_TRUE(ParseListenAddress("[::1]:0", &host, &port).ok());
  EXPECT_EQ(host, "::1");
  EXPECT_EQ(port, 0);
  for (const char* bad : {"8080", "::1:8080", "[::1]8080", "host:", ":80", "h:99999", "h:8a"}) {
    EXPECT_FALSE(ParseListenAddress(bad, &host, &port).ok()) << bad;
  }
}

}  // namespace
}  // namespace procura::http

#include "http/forms.h"

namespace procura::http {
namespace {

TEST(Forms, ParsesRepeatedAndEncodedValues) {
  auto f = Form::Parse("title=%E5%9F%B9%E8%AE%AD+class&r=1&r=2&bad=%zz&empty=");
  EXPECT_EQ(f.Get("title"), "培训 class");
  EXPECT_EQ(f.All("r"), (std::vector<std::string>{"1", "2"}));
  EXPECT_FALSE(f.Has("bad"));
  EXPECT_TRUE(f.Has("empty"));
  EXPECT_EQ(f.Get("missing"), "");
}

TEST(Cookies, ReadAndWrite) {
  Request r;
  r.headers = {{"cookie", "a=1; __Host-procura_session=tok; b=2"}};
  EXPECT_EQ(CookieValue(r, "__Host-procura_session"), "tok");
  EXPECT_EQ(CookieValue(r, "c"), "");
  EXPECT_EQ(SetCookie("__Host-s", "v"), "__Host-s=v; Path=/; Secure; HttpOnly; SameSite=Lax");
  EXPECT_EQ(SetCookie("__Host-s", "", 0),
            "__Host-s=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0");
}

}  // namespace
}  // namespace procura::http

#include "http/multipart.h"

namespace procura::http {
namespace {

TEST(Multipart, ParsesFieldsAndFiles) {
  const std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"alt\"\r\n\r\nA lecture\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; "
      "filename=\"../../etc/p\\\"w.jpg\"\r\n"
      "Content-Type: image/jpeg\r\n\r\n\xFF\xD8\xFF\r\nbinary\r\n--XyZ--\r\n";
  auto parts = ParseMultipart("multipart/form-data; boundary=XyZ", body);
  ASSERT_TRUE(parts.ok()) << parts.status().message();
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ(FindPart(*parts, "alt")->data, "A lecture");
  const FormPart* file = FindPart(*parts, "file");
  EXPECT_EQ(file->filename, "../../etc/p\"w.jpg");  // untrusted; sanitized by the caller
  EXPECT_EQ(file->data, "\xFF\xD8\xFF\r\nbinary");
}

TEST(Multipart, RejectsMalformedBodies) {
  EXPECT_FALSE(ParseMultipart("text/plain", "x").ok());
  EXPECT_FALSE(ParseMultipart("multipart/form-data", "--a\r\n").ok());
  EXPECT_FALSE(ParseMultipart("multipart/form-data; boundary=a",
                              "--a\r\nContent-Disposition: form-data; name=x\r\n\r\nno end")
                   .ok());
  std::string many;
  for (int i = 0; i < 40; ++i) many += "--b\r\nContent-Disposition: form-data; name=f\r\n\r\nv\r\n";
  many += "--b--";
  EXPECT_FALSE(ParseMultipart("multipart/form-data; boundary=b", many).ok());
}

}  // namespace
}  // namespace procura::http

namespace procura::http {
namespace {

TEST(Redirects, OnlyPrintableLocalPathsAreFollowed) {
  EXPECT_TRUE(IsLocalRedirectTarget("/admin/articles/3/", "/admin/"));
  EXPECT_TRUE(IsLocalRedirectTarget("/admin/?q=%E5%9F%B9", "/admin/"));
  EXPECT_FALSE(IsLocalRedirectTarget("/admin/\r\nSet-Cookie: a=b", "/admin/"));
  EXPECT_FALSE(IsLocalRedirectTarget(std::string("/admin/\0x", 9), "/admin/"));
  EXPECT_FALSE(IsLocalRedirectTarget("/admin/ x", "/admin/"));
  EXPECT_FALSE(IsLocalRedirectTarget("//evil.example/admin/", "/admin/"));
  EXPECT_FALSE(IsLocalRedirectTarget("/admin//evil.example", "/admin/"));
  EXPECT_FALSE(IsLocalRedirectTarget("/admin/\\evil", "/admin/"));
  EXPECT_FALSE(IsLocalRedirectTarget("https://evil.example/admin/", "/admin/"));
  EXPECT_FALSE(IsLocalRedirectTarget("/portal/", "/admin/"));
  EXPECT_FALSE(IsLocalRedirectTarget("/admin/\xe5\x9f\xb9", "/admin/"));
}

TEST(Redirects, HeaderTextWithLineBreaksOrNulIsUnsafe) {
  EXPECT_TRUE(IsSafeHeaderText("text/html; charset=utf-8"));
  EXPECT_FALSE(IsSafeHeaderText("a\rb"));
  EXPECT_FALSE(IsSafeHeaderText("a\nb"));
  EXPECT_FALSE(IsSafeHeaderText(std::string("a\0b", 3)));
}

}  // namespace
}  // namespace procura::http

#include "http/request_head.h"

namespace procura::http {
namespace {

TEST(NormalizePath, DecodesEscapesOnceAndKeepsSeparatorsData) {
  EXPECT_EQ(NormalizePath("/articles/%31/"), "/articles/1/");
  EXPECT_EQ(NormalizePath("/columns/%70arty-building/"), "/columns/party-building/");
  EXPECT_EQ(NormalizePath("/a%2fb%2F%5c"), "/a%2Fb%2F%5C");
  EXPECT_EQ(NormalizePath("/%E5%9F%B9"), "/\xE5\x9F\xB9");
  EXPECT_EQ(NormalizePath("/%2531"), "/%31") << "decoded once, not twice";
  EXPECT_FALSE(NormalizePath("/bad%"));
  EXPECT_FALSE(NormalizePath("/bad%4"));
  EXPECT_FALSE(NormalizePath("/bad%zz"));
  EXPECT_FALSE(NormalizePath("/nul%00"));
  EXPECT_FALSE(NormalizePath("/cr%0D%0A"));
  EXPECT_FALSE(NormalizePath("/latin1%E9"));
}

}  // namespace
}  // namespace procura::http

namespace procura::http {
namespace {

std::vector<ProxyRule> Rules(std::initializer_list<const char*> texts) {
  std::vector<ProxyRule> out;
  for (const char* t : texts) {
    auto r = ParseProxyRule(t);
    EXPECT_TRUE(r.ok()) << t;
    if (r.ok()) out.push_back(*r);
  }
  return out;
}

TEST(ClientAddress, OnlyTrustedProxiesMayNameTheClient) {
  const auto rules = Rules({"127.0.0.1", "10.0.0.0/8"});
  // A direct client's claim is ignored.
  EXPECT_EQ(ClientAddress("203.0.113.9", "1.2.3.4", rules), "203.0.113.9");
  // Through one proxy.
  EXPECT_EQ(ClientAddress("127.0.0.1", "198.51.100.7", rules), "198.51.100.7");
  // Through two proxies; the leftmost entry was written by the client.
  EXPECT_EQ(ClientAddress("127.0.0.1", "6.6.6.6, 198.51.100.7, 10.1.2.3", rules), "198.51.100.7");
  // Garbage stops the walk at the last address a proxy vouched for.
  EXPECT_EQ(ClientAddress("127.0.0.1", "198.51.100.7, nonsense", rules), "127.0.0.1");
  EXPECT_EQ(ClientAddress("127.0.0.1", "", rules), "127.0.0.1");
  EXPECT_EQ(ClientAddress("127.0.0.1", "198.51.100.7", {}), "127.0.0.1");
  EXPECT_TRUE(IsTrusted("::ffff:10.9.9.9", rules));
  EXPECT_TRUE(IsTrusted("::1", Rules({"::1/128"})));
  EXPECT_FALSE(IsTrusted("11.0.0.1", rules));
}

TEST(ClientAddress, BadRulesAreRefusedByName) {
  for (const char* bad : {"", "10.0.0.0/33", "10.0.0.0/", "host.example", "10.0.0.0/8x", "::/129"}) {
    auto r = ParseProxyRule(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) EXPECT_NE(r.status().message().find("--trusted-proxy"), std::string::npos);
  }
}

}  // namespace
}  // namespace procura::http
