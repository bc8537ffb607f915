CREATE TABLE "sign_in_throttles" (
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"lockouts" integer DEFAULT 0 NOT NULL,
	"last_failure_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp (3) with time zone,
	CONSTRAINT "sign_in_throttles_kind_key_pk" PRIMARY KEY("kind","key"),
	CONSTRAINT "sign_in_throttles_kind" CHECK ("sign_in_throttles"."kind" in ('account', 'address')),
	CONSTRAINT "sign_in_throttles_key_length" CHECK (char_length("sign_in_throttles"."key") between 1 and 300),
	CONSTRAINT "sign_in_throttles_counts" CHECK ("sign_in_throttles"."failures" >= 0 and "sign_in_throttles"."lockouts" >= 0)
);
--> statement-breakpoint
CREATE TABLE "user_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp (3) with time zone,
	"revoked_reason" text,
	"user_agent" text,
	"address" text,
	CONSTRAINT "user_sessions_id_length" CHECK (char_length("user_sessions"."id") between 20 and 100),
	CONSTRAINT "user_sessions_user_agent_length" CHECK ("user_sessions"."user_agent" is null or char_length("user_sessions"."user_agent") <= 300),
	CONSTRAINT "user_sessions_address_length" CHECK ("user_sessions"."address" is null or char_length("user_sessions"."address") <= 100)
);
--> statement-breakpoint
ALTER TABLE "user_sessions" ADD CONSTRAINT "user_sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sign_in_throttles_last_failure_idx" ON "sign_in_throttles" USING btree ("last_failure_at");--> statement-breakpoint
CREATE INDEX "user_sessions_user_created_idx" ON "user_sessions" USING btree ("user_id","created_at");