-- An article's history (its revisions page) reads the audit rows about
-- that one object; without this index that is a scan of the whole log.
CREATE INDEX audit_by_object ON audit_log (object_type, object_id, id);
