#include "storage/sql/article_rows.h"

namespace procura::sql {

ArticleRecord ReadArticleRow(const Statement& st) {
  ArticleRecord a;
  a.id = st.Int(0);
  a.column_id = st.Int(1);
  a.title = st.Text(2);
  a.author = st.Text(3);
  a.news_source = st.Text(4);
  a.status = st.Text(5);
  a.published_at = st.OptInt(6);
  a.lead_media_id = st.OptInt(7);
  a.lead_caption = st.Text(8);
  a.is_sample = st.Int(9) != 0;
  a.created_at = st.Int(10);
  a.updated_at = st.Int(11);
  a.created_by = st.OptInt(12);
  a.status_reason = st.Text(13);
  a.scheduled_at = st.OptInt(14);
  a.lead_alt = st.Text(15);
  a.pending_revision = st.OptInt(16);
  a.version = st.Int(17);
  a.lang = st.Text(18);
  a.translation_of = st.OptInt(19);
  a.pinned_at = st.OptInt(20);
  a.pinned_until = st.OptInt(21);
  return a;
}

}  // namespace procura::sql
