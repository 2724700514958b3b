CREATE TABLE "stored_file_chunk" (
	"area" text NOT NULL,
	"file_id" text NOT NULL,
	"n" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "stored_file_chunk_area_file_id_n_pk" PRIMARY KEY("area","file_id","n")
);
