/**
 * Writes docs/set-schema.json, the JSON Schema of a set file, from the declaration in
 * src/catalog/schema.ts (`npm run schema`). test/catalog/json-schema.test.ts fails when the
 * committed file is not what this writes: change the declaration, run this, commit both.
 */
import { writeFileSync } from "fs";
import { join } from "path";
import { setJsonSchemaText } from "../src/catalog/json-schema";

const file = join(__dirname, "..", "docs", "set-schema.json");
writeFileSync(file, setJsonSchemaText());
console.log(`Đã ghi ${file}`);
