-- Issue 14: PowerPoint presentations and photos of pages (PNG, JPEG) are documents too.
ALTER TABLE "documents" DROP CONSTRAINT "documents_format_known";--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_format_known" CHECK ("documents"."format" in ('pdf', 'docx', 'pptx', 'txt', 'markdown', 'png', 'jpeg'));
