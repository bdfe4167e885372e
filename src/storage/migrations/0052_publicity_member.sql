-- The propaganda committee member's post (宣传委员) is 'publicity-member',
-- as member_posts' CHECK has always said; the application called it
-- 'propaganda-member', so that post could not be given, and a former post
-- may have been kept under the other name. One name from here on.
UPDATE member_post_history SET post = 'publicity-member' WHERE post = 'propaganda-member';
