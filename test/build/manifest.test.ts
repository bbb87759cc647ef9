/**
 * One build for any host (issue 10): ADDIN_URL and ADDIN_ENV become dist/manifest.xml
 * (scripts/deploy-settings.js). The three manifests an IT team uploads (localhost, production,
 * pilot) pass the Office manifest XSD; a bad ADDIN_URL stops `webpack` with a message and exit 1
 * before anything is written.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(__dirname, "../..");
import { deploySettingsModule } from "./tooling";

const { DEV_BASE_URL, PRODUCTION_ID, DeploySettingsError, deploySettings, environmentId, manifestVersion, parseAddinUrl, renderManifest } = deploySettingsModule;

const template = fs.readFileSync(path.join(root, "manifest.xml"), "utf8");
const packageVersion = (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version;
const XSD = path.join(root, "test/schemas/office-addin-manifest-xsd/OfficeAppManifestV1_1.xsd");

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dti-manifest-"));
});
afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Every http(s) URL in attribute values (namespaces are xmlns="…", not DefaultValue/Value). */
const urlsOf = (xml: string): string[] => [...xml.matchAll(/\b(?:DefaultValue|Value)="(https?:[^"]*)"/g)].map((m) => m[1] as string);
const tag = (xml: string, name: string): string | undefined => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

describe("ADDIN_URL", () => {
  test.each([
    ["https://dti.example.gov.vn/addin/", "https://dti.example.gov.vn/addin/"],
    ["https://dti.example.gov.vn/addin", "https://dti.example.gov.vn/addin/"],
    ["https://dti.example.gov.vn", "https://dti.example.gov.vn/"],
    ["  https://DTI.Example.gov.vn:8443/a/b  ", "https://dti.example.gov.vn:8443/a/b/"],
    ["https://localhost:3000/addin", "https://localhost:3000/addin/"],
  ])("%j is used as %j (a missing trailing slash is added)", (raw, base) => {
    expect(parseAddinUrl(raw)).toBe(base);
  });

  test("unset or blank keeps the dev server's base", () => {
    expect(parseAddinUrl(undefined)).toBeUndefined();
    expect(parseAddinUrl("  ")).toBeUndefined();
    expect(deploySettings({}, "1.2.3").baseUrl).toBe(DEV_BASE_URL);
  });

  test.each([
    ["http://dti.example.gov.vn/addin/", /https:\/\//],
    ["http://localhost:3000/", /https:\/\//],
    ["ftp://dti.example.gov.vn/", /https:\/\//],
    ["https://dti.example.gov.vn/addin/?v=2", /truy vấn/],
    ["https://dti.example.gov.vn/addin/?", /truy vấn/],
    ["https://dti.example.gov.vn/addin/#top", /neo/],
    ["dti.example.gov.vn/addin", /không phải một địa chỉ URL/],
    ["https://", /không phải một địa chỉ URL/],
    ["https://admin:secret@dti.example.gov.vn/", /mật khẩu/],
  ])("%j is refused with a message in Vietnamese and English", (raw, vi) => {
    let error: unknown;
    try {
      parseAddinUrl(raw);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DeploySettingsError);
    const message = (error as Error).message;
    expect(message).toMatch(vi);
    expect(message).toContain(`ADDIN_URL=${JSON.stringify(raw.trim())}`);
    expect(message).toMatch(/must|is not/);
  });
});

describe("ADDIN_ENV and the version", () => {
  test("production keeps the id users already have; a pilot gets its own, the same on every build", () => {
    expect(tag(template, "Id")).toBe(PRODUCTION_ID);
    expect(deploySettings({}, "0.1.0").id).toBe(PRODUCTION_ID);
    expect(deploySettings({ ADDIN_ENV: "production" }, "0.1.0").id).toBe(PRODUCTION_ID);
    // Pinned: pilot users have this id installed; a change would make a second add-in.
    expect(environmentId("pilot")).toBe("bb658053-b06c-57c5-bc2d-4c89a62c9d13");
    expect(environmentId("staging")).not.toBe(environmentId("pilot"));
    expect(environmentId("staging")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test.each(["Pilot", "thử-nghiệm", "pilot 2", "-pilot", "a".repeat(33)])("ADDIN_ENV=%j is refused", (name) => {
    expect(() => deploySettings({ ADDIN_ENV: name }, "0.1.0")).toThrow(DeploySettingsError);
  });

  test("<Version> is package.json's x.y.z as four parts; anything else stops the build", () => {
    expect(manifestVersion("0.1.0")).toBe("0.1.0.0");
    expect(manifestVersion("12.34.56")).toBe("12.34.56.0");
    for (const bad of ["1.2", "1.2.3-beta.1", "1.2.3.4", "70000.0.0", ""]) expect(() => manifestVersion(bad)).toThrow(DeploySettingsError);
  });
});

describe("the manifests", () => {
  const variants = {
    localhost: deploySettings({}, packageVersion),
    production: deploySettings({ ADDIN_URL: "https://dti.example.gov.vn/addin" }, packageVersion),
    pilot: deploySettings({ ADDIN_URL: "https://dti-thu.example.gov.vn/", ADDIN_ENV: "pilot" }, packageVersion),
  };

  test("without ADDIN_URL the manifest is today's localhost one, with package.json's version", () => {
    const version = (xml: string): string => xml.replace(/<Version>[^<]*<\/Version>/, "<Version/>");
    const rendered = renderManifest(template, variants.localhost);
    expect(version(rendered)).toBe(version(template));
    expect(tag(rendered, "Version")).toBe(manifestVersion(packageVersion));
  });

  test.each(Object.entries(variants))("%s: every URL is under the base, and the manifest passes the XSD", (name, settings) => {
    const xml = renderManifest(template, settings);
    const urls = urlsOf(xml);
    // Task pane, learn-more link, 5 icon URLs, the functions' script, page and 2 metadata files.
    expect(urls).toHaveLength(template.match(/="https:\/\/localhost:3000\//g)?.length ?? -1);
    for (const url of urls) expect(url.startsWith(settings.baseUrl)).toBe(true);
    for (const file of ["taskpane.html", "functions.js", "functions.html", "functions.json", "functions-vi.json", "assets/icon-16.png", "assets/icon-32.png", "assets/icon-64.png", "assets/icon-80.png"]) {
      expect(urls).toContain(settings.baseUrl + file);
    }
    expect(tag(xml, "Id")).toBe(settings.id);
    expect(tag(xml, "Version")).toBe(settings.version);
    const file = path.join(tmp, `${name}.xml`);
    fs.writeFileSync(file, xml);
    const lint = spawnSync("xmllint", ["--noout", "--schema", XSD, file], { encoding: "utf8" });
    expect({ status: lint.status, stderr: lint.stderr }).toEqual({ status: 0, stderr: `${file} validates\n` });
  });

  test("the pilot says so in its names, in Vietnamese and English; production's names are unchanged", () => {
    const pilot = renderManifest(template, variants.pilot);
    expect(pilot).toContain('<DisplayName DefaultValue="Chỉ số chuyển đổi số (DTI) (thử nghiệm)">');
    expect(pilot).toContain('<Override Locale="en-US" Value="Digital Transformation Index (DTI) (pilot)"/>');
    expect(pilot).toContain('<bt:String id="Group.Label" DefaultValue="DTI (thử nghiệm)"/>');
    // The functions keep their namespace: formulas written in the pilot read DTI.* too.
    expect(pilot).toContain('<bt:String id="Functions.Namespace" DefaultValue="DTI"/>');
    const production = renderManifest(template, variants.production);
    expect(production).toContain('<DisplayName DefaultValue="Chỉ số chuyển đổi số (DTI)">');
    expect(production).not.toContain("thử nghiệm");
  });

  test("a base with characters XML reserves stays well-formed", () => {
    const xml = renderManifest(template, deploySettings({ ADDIN_URL: "https://dti.example.gov.vn/a&b/" }, packageVersion));
    expect(xml).toContain('DefaultValue="https://dti.example.gov.vn/a&amp;b/taskpane.html"');
    const file = path.join(tmp, "amp.xml");
    fs.writeFileSync(file, xml);
    expect(spawnSync("xmllint", ["--noout", "--schema", XSD, file]).status).toBe(0);
  });
});

describe("webpack with a bad ADDIN_URL", () => {
  test.each([["http://dti.example.gov.vn/addin/", 1], ["https://dti.example.gov.vn/addin/?x=1", 2], ["not a url", 3]])(
    "%j: a message, exit 1, nothing written (no manifest.xml)",
    (url, n) => {
      const out = path.join(tmp, `bad-${n}`);
      const run = spawnSync(process.execPath, [path.join(root, "node_modules/webpack-cli/bin/cli.js"), "--mode", "production", "--output-path", out], {
        cwd: root,
        encoding: "utf8",
        env: { ...process.env, ADDIN_URL: url, ADDIN_ENV: "" },
        timeout: 120_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`ADDIN_URL=${JSON.stringify(url)}`);
      expect(run.stderr).toContain("dist/ giữ nguyên");
      // For the IT admin: no stack trace.
      expect(run.stderr).not.toMatch(/^\s+at /m);
      expect(fs.existsSync(path.join(out, "manifest.xml"))).toBe(false);
    },
  );
});
