-- The GUID of the Anki note a card was imported from (issue 13): exports give it back so Anki sees one note.
ALTER TABLE "cards" ADD COLUMN "anki_guid" text;
