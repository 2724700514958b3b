CREATE TABLE "platform_secret" (
	"name" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "platform_setting" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "area" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"territory_id" uuid NOT NULL,
	"level" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"parent_id" uuid,
	"population" integer,
	"geometry" jsonb,
	CONSTRAINT "area_population_nonnegative" CHECK ("area"."population" IS NULL OR "area"."population" >= 0)
);
--> statement-breakpoint
CREATE TABLE "forum_municipality" (
	"forum_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forum_municipality_forum_id_municipality_id_pk" PRIMARY KEY("forum_id","municipality_id")
);
--> statement-breakpoint
CREATE TABLE "territory" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"settings" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "territory_slug_format" CHECK ("territory"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$')
);
--> statement-breakpoint
ALTER TABLE "area" ADD CONSTRAINT "area_territory_id_territory_id_fk" FOREIGN KEY ("territory_id") REFERENCES "public"."territory"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forum_municipality" ADD CONSTRAINT "forum_municipality_forum_id_territory_id_fk" FOREIGN KEY ("forum_id") REFERENCES "public"."territory"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forum_municipality" ADD CONSTRAINT "forum_municipality_municipality_id_territory_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."territory"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "area_territory_level_code_key" ON "area" USING btree ("territory_id","level","code");--> statement-breakpoint
CREATE INDEX "area_parent_idx" ON "area" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "territory_slug_key" ON "territory" USING btree ("slug");