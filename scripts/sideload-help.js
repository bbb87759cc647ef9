// @ts-check
/**
 * How to sideload manifest.xml, printed by the dev server once it is listening and the first
 * build is ready (webpack.config.js, devServer.onListening). Also: `node scripts/sideload-help.js`.
 *
 * Menu names are quoted as English Excel shows them; a Vietnamese-language Excel translates them.
 */
"use strict";

const path = require("node:path");
const { certPaths } = require("./dev-certs.js");

/**
 * @param {{ origin?: string, manifestPath?: string, caPath?: string }} [options]
 * @returns {string}
 */
function sideloadHelp(options = {}) {
  const origin = options.origin ?? "https://localhost:3000";
  const manifestPath = options.manifestPath ?? path.resolve(__dirname, "..", "manifest.xml");
  const caPath = options.caPath ?? certPaths.ca;
  const rule = "─".repeat(72);
  return [
    rule,
    `DTI Workbench: ${origin}/taskpane.html · ${origin}/functions.json · ${origin}/manifest.xml`,
    rule,
    "[Tiếng Việt] Nạp thử (sideload) bổ trợ vào Excel",
    `Tệp manifest: ${manifestPath}`,
    "",
    "Điều kiện:",
    `  • Máy chạy Excel phải tin cậy chứng chỉ CA phát triển: ${caPath}`,
    '    (Windows: bấm đúp ca.crt > Install Certificate > Current User >',
    '     "Trusted Root Certification Authorities"). Khi CA được tạo lại thì phải tin cậy lại.',
    `  • Excel phải mở được ${origin}: chạy trên chính máy này, hoặc chuyển tiếp cổng 3000`,
    "    về máy chạy Excel (ví dụ: ssh -L 3000:localhost:3000 <máy-chủ>).",
    "",
    "1) Excel trên Windows — danh mục tin cậy qua thư mục chia sẻ:",
    "   a. Tạo một thư mục và chia sẻ nó trên mạng (Properties > Sharing > Share),",
    "      ghi lại đường dẫn, ví dụ \\\\TEN-MAY\\dti-addin. Chép manifest.xml vào thư mục đó.",
    "   b. Trong Excel: File > Options > Trust Center > Trust Center Settings >",
    "      Trusted Add-in Catalogs.",
    '   c. Nhập \\\\TEN-MAY\\dti-addin vào "Catalog Url", bấm "Add catalog",',
    '      đánh dấu "Show in Menu", bấm OK.',
    "   d. Đóng hẳn rồi mở lại Excel.",
    '   e. Insert > My Add-ins > SHARED FOLDER > chọn "Chỉ số chuyển đổi số (DTI)" > Add.',
    "2) Excel trên web: Insert > Add-ins > Upload My Add-in > chọn manifest.xml > Upload.",
    "",
    'Sau khi nạp: thẻ Home có nhóm "DTI" với nút "Chỉ số DTI"; các hàm DTI.* dùng được trong công thức.',
    "Dừng máy chủ: Ctrl+C.",
    "",
    "[English] Sideload the add-in into Excel",
    `Manifest file: ${manifestPath}`,
    "",
    "Before you start:",
    `  • The PC that runs Excel must trust the development CA certificate: ${caPath}`,
    '    (Windows: double-click ca.crt > Install Certificate > Current User >',
    '     "Trusted Root Certification Authorities"). Trust it again whenever the CA is recreated.',
    `  • Excel must reach ${origin}: run it on this machine, or forward port 3000 to the`,
    "    PC that runs Excel (for example: ssh -L 3000:localhost:3000 <server>).",
    "",
    "1) Excel on Windows — shared-folder trusted catalog:",
    "   a. Create a folder and share it on the network (Properties > Sharing > Share);",
    "      note its path, e.g. \\\\MACHINE\\dti-addin. Copy manifest.xml into it.",
    "   b. In Excel: File > Options > Trust Center > Trust Center Settings >",
    "      Trusted Add-in Catalogs.",
    '   c. Enter \\\\MACHINE\\dti-addin as "Catalog Url", click "Add catalog",',
    '      tick "Show in Menu", click OK.',
    "   d. Close Excel completely and start it again.",
    '   e. Insert > My Add-ins > SHARED FOLDER > select "Digital Transformation Index (DTI)" > Add.',
    "2) Excel on the web: Insert > Add-ins > Upload My Add-in > choose manifest.xml > Upload.",
    "",
    'Then: the Home tab shows a "DTI" group with a "DTI index" button; DTI.* functions work in formulas.',
    "Stop the server: Ctrl+C.",
    rule,
  ].join("\n");
}

/** @param {Parameters<typeof sideloadHelp>[0]} [options] */
function printSideloadHelp(options) {
  console.log(sideloadHelp(options));
}

module.exports = { sideloadHelp, printSideloadHelp };

if (require.main === module) printSideloadHelp();
