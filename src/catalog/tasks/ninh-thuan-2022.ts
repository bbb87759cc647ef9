/**
 * Phụ lục 1 of Ninh Thuận's Kế hoạch 4233/KH-UBND (28/9/2022): "Nhiệm vụ trọng tâm nâng cao
 * Chỉ số DTI tỉnh Ninh Thuận năm 2022", the example task list of the "Nhiệm vụ" sheet.
 *
 * Verbatim from Phụ lục 1 of Kế hoạch 4233/KH-UBND tỉnh Ninh Thuận (typos included, e.g. "ngày
 * 24/4/201."): the PDF's line breaks inside a cell are joined with one space, nothing else
 * is changed. Headings A/B (parts) and I–VIII (groups) are section rows (see ../schema.ts).
 *
 * Row A.1: in the source, one cell "Theo Phụ lục của Kế hoạch số 3609/KH-BĐHCĐS…" spans the
 * lead, coordinating and deadline columns. It is kept in `lead`; `coordinating` and
 * `deadline` are "" (the deadlines are those of the other plan, not given here).
 */
import type { TaskList, TaskRow } from "./schema";

export const source =
  "Phụ lục 1 — Nhiệm vụ trọng tâm nâng cao Chỉ số DTI tỉnh Ninh Thuận năm 2022 (Ban hành kèm theo Kế hoạch số 4233/KH-UBND ngày 28 tháng 9 năm 2022 của Chủ tịch Ủy ban nhân dân tỉnh Ninh Thuận)";

const section = (stt: string, title: string): TaskRow => ({
  stt,
  task: "",
  lead: "",
  coordinating: "",
  deadline: "",
  note: "",
  section: title,
});

const task = (stt: string, text: string, lead: string, coordinating: string, deadline: string, note = ""): TaskRow => ({
  stt,
  task: text,
  lead,
  coordinating,
  deadline,
  note,
});

export const ninhThuan2022Tasks: readonly TaskRow[] = [
  section("A", "Nhóm nhiệm vụ chuyển đổi số năm 2022 trên địa bàn tỉnh"),
  task("1", "Các sở, ban, ngành, địa phương, cơ quan, đơn vị liên quan tập trung, quyết liệt triển khai thực hiện hoàn thành các nhiệm vụ cụ thể về chuyển đổi số năm 2022 trên địa bàn tỉnh Ninh Thuận được Ban Điều hành Chuyển đổi số giao tại Kế hoạch số 3609/KH-BĐHCĐS ngày 18/8/2022", "Theo Phụ lục của Kế hoạch số 3609/KH-BĐHCĐS ngày 18/8/2022", "", ""),
  section("B", "Nhóm nhiệm vụ trọng tâm nâng cao Chỉ số DTI"),
  section("I", "Nhóm Nhận thức số"),
  task("1", "Thành lập Ban chỉ đạo Chuyển đổi số của cơ quan, đơn vị, địa phương trên cơ sở kiện toàn lại Ban chỉ đạo xây dựng chính quyền điện tử.", "Các sở, ban, ngành cấp tỉnh; UBND cấp huyện", "Sở TT&TT", "Tháng 10/2022"),
  task("2", "Xây dựng chuyên trang cấp tỉnh về chuyển đổi số", "Sở TT&TT", "-", "Tháng 10/2022"),
  task("3", "Mở và phát sóng chuyên mục riêng về chuyển đổi số trên hệ thống truyền thanh cơ sở của địa phương.", "UBND cấp huyện", "Sở TT&TT và các đơn vị liên quan", "Tháng 10/2022"),
  section("II", "Nhóm Thể chế số"),
  task("1", "Tổ chức bồi dưỡng, tập huấn khung kiến trúc Chính quyền điện tử của tỉnh theo Quyết định số 815/QĐ-UBND ngày 12/12/2021.", "Sở TT&TT", "Các sở, ban, ngành cấp tỉnh; UBND cấp huyện", "Tháng 11/2022"),
  task("2", "Ban hành văn bản nhắc nhở, chấn chỉnh quản lý chi cho chuyển đổi số", "Sở TT&TT", "Các sở, ban, ngành cấp tỉnh; UBND cấp huyện", "Tháng 10/2022"),
  task("3", "Tổ chức bồi dưỡng, tập huấn phổ biến, quán triệt công tác chi cho chuyển đổi số theo quy định.", "Sở TT&TT", "Các sở, ban, ngành cấp tỉnh; UBND cấp huyện", "Tháng 11/2022"),
  task("4", "Ban hành Nghị quyết quy định mức ưu đãi phí, lệ phí đối với người dân, doanh nghiệp khi thực hiện TTHC bằng hình thức trực tuyến", "Sở Tài chính", "Các sở, ban, ngành cấp tỉnh; UBND cấp huyện", "Tháng 12/2022"),
  section("III", "Nhóm Hạ tầng số"),
  task("1", "Triển khai thực hiện mục tiêu đến năm 2022, tỷ lệ dân số trên 15 tuổi có điện thoại thông minh đạt 85%; tỷ lệ hộ gia đình có người có điện thoại thông minh đạt 95%; tỷ lệ hộ gia đình có đường Internet cáp quang băng rộng đạt 75%.", "Sở TTTT", "Các doanh nghiệp viễn thông", "Tháng 12/2022"),
  task("2", "Nâng cấp Trung tâm tích hợp dữ liệu tỉnh theo hướng sử dụng công nghệ điện toán đám mây, kết nối nền tảng điện toán đám mây Chính phủ, kết nối vào Hệ thống cơ sở dân cư quốc gia về dân cư theo Đề án 06.", "Sở TTTT", "Các sở, ban, ngành, đơn vị liên quan", "Quý IV/2022"),
  task("3", "Triển khai sử dụng các nền tảng số trên địa bàn tỉnh năm 2022 theo Công văn số 3277/UBND-KTTH ngày 27/7/2022.", "Các sở, ban, ngành cấp tỉnh", "Sở TTTT", "Quý IV/2022"),
  task("4", "Rà soát, báo cáo đánh giá mức độ ứng dụng Trí tuệ nhân tạo (AI) trong nền tảng số được triển khai trên địa bàn tỉnh.", "Sở TTTT", "Các cơ quan, đơn vị liên quan", "Quý IV/2022"),
  section("IV", "Nhóm Nhân lực số"),
  task("1", "Thành lập Tổ công nghệ số cộng đồng đến mức xã/phường, thôn/khu phố theo Kế hoạch số 1813/KH-UBND ngày 29/4/2022", "UBND các huyện, thành phố", "Sở TTTT", "Tháng 9/2022"),
  task("2", "Kiện toàn lại chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Thông tin và Truyền thông theo hướng dẫn tại Thông tư số 11/2022/TT-BTTTT ngày 29/7/2022 của Bộ TTTT", "Sở TTTT", "Các cơ quan, đơn vị liên quan", "Quý IV/2022"),
  task("3", "Tổ chức đào tạo, bồi dưỡng công nghệ thông tin, chuyển đổi số cho cán bộ, công chức, viên chức.", "Sở TTTT", "Các sở, ban, ngành cấp tỉnh; UBND cấp huyện, cấp xã", "Quý IV/2022"),
  task("4", "Khuyến khích các cơ sở đào tạo cao đẳng, đại học, sau đại học trên địa bàn tỉnh có đào tạo về chuyển đổi số; tăng cường chỉ đạo các cơ sở đào tạo đại học, cao đẳng, giáo dục nghề nghiệp, các cơ sở giáo dục từ tiểu học đến trung học phổ thông thực hiện chuyển đổi số theo quyết định số 393/QĐ-UBND ngày 7/4/2022 của UBND tỉnh.", "Sở GD&ĐT", "Sở TTTT và các cơ quan, đơn vị liên quan", "Quý IV/2022"),
  task("5", "Tổ chức bồi dưỡng, tập huấn kỹ năng số cho người lao động", "Sở LĐTB&XH", "Sở TTTT và các cơ quan, đơn vị liên quan", "Quý IV/2022"),
  task("6", "Tổ chức phổ cập kỹ năng số cơ bản trên nền tảng OneTouch cho người dân", "Sở TTTT", "Các sở, ban, ngành cấp tỉnh; UBND cấp huyện, cấp xã", "Quý IV/2022"),
  section("V", "Nhóm An toàn thông tin mạng"),
  task("1", "Rà soát xây dựng các phương án bảo vệ, ứng cứu xử lý sự cố tấn công mạng, đề xuất cấp độ an toàn thông tin tương ứng đối với các hệ thống thông tin theo quy định.", "Sở TTTT", "Các sở, ban, ngành cấp tỉnh; UBND cấp huyện; các cơ quan, đơn vị liên quan", "Quý IV/2022"),
  task("2", "Rà soát, đảm bảo kết nối, chia sẻ giám sát, chia sẻ thông tin về mã độc cho Trung tâm Giám sát an toàn không gian mạng quốc theo quy định.", "Sở TTTT", "Các cơ quan, đơn vị liên quan", "Tháng 10/2022"),
  task("3", "Tổ chức kiểm tra, đánh giá an toàn thông tin đối với các hệ thống thông tin của cơ quan nhà nước theo quy định tại Thông tư số 03/2017/TT-BTTTT ngày 24/4/201.", "Sở TTTT", "Các cơ quan, đơn vị liên quan", "Quý IV/2022"),
  task("4", "Tổ chức diễn tập, ứng cứu sự cố an toàn thông tin", "Sở TTTT", "Các sở, ban, ngành cấp tỉnh; UBND cấp huyện", "Tháng 9/2022"),
  section("VI", "Nhóm Hoạt động chính quyền số"),
  task("1", "Triển khai thực hiện chuyển đổi IPv6 theo Kế hoạch số 1154/KH-STTTT ngày 13/5/2022, trong đó ưu tiên thực hiện việc chuyển đổi IPv6 đối với Cổng thông tin điện tử và Cổng dịch vụ công trực tuyến của tỉnh.", "Sở TTTT", "Các cơ quan, đơn vị liên quan", "Quý IV/2022"),
  task("2", "Xây dựng Cổng dữ liệu mở của tỉnh để chia sẻ, cung dữ liệu cho các cơ quan nhà nước, người dân và doanh nghiệp theo quy định.", "Sở TTTT", "Các sở, ban, ngành cấp tỉnh; UBND cấp huyện", "Quý IV/2022"),
  task("3", "Nâng cấp hệ thống dịch vụ công trực tuyến phù hợp với yêu cầu kết nối chia sẻ dữ liệu và đáp ứng đổi mới việc thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính", "Sở TTTT", "Các sở, ban, ngành cấp tỉnh; UBND cấp huyện, cấp xã", "Quý IV/2022"),
  task("4", "Tổ chức triển khai hiệu quả Quyết định 846/QĐ-UBND ngày 8/7/2022, đảm bảo năm 2022 tỷ lệ dịch vụ công trực tuyến phát sinh hồ sơ đạt 55% đối với cấp tỉnh; 40% đối với cấp huyện và 20% đối với cấp xã; tỷ lệ hồ sơ thủ tục hành chính xử lý trực tuyến đạt 60%.", "Trung tâm PVHC tỉnh", "Các sở, ban, ngành cấp tỉnh; UBND cấp huyện, cấp xã", "Tháng 12/2022"),
  task("5", "Triển khai nền tảng trợ lý ảo phục vụ người dân, doanh nghiệp trong việc thực hiện các thủ tục hành chính của tỉnh.", "Trung tâm PVHC tỉnh", "Các sở, ban, ngành cấp tỉnh; UBND cấp huyện, cấp xã", "Quý IV/2022"),
  task("6", "Tiếp tục rà soát, triển khai kết nối, sử dụng dữ liệu qua Nền tảng tích hợp, chia sẻ dữ liệu cấp tỉnh (LGSP) và Nền tảng tích hợp, chia sẻ dữ liệu quốc gia (NDXP).", "Sở TTTT", "Các cơ quan, đơn vị liên quan", "Quý IV/2022"),
  task("7", "Triển khai rà soát, đánh giá, báo cáo mức độ ứng dụng trí tuệ nhân tạo (AI) trong hoạt động của chính quyền số.", "Sở TTTT", "Các cơ quan, đơn vị liên quan", "Quý IV/2022"),
  section("VII", "Nhóm Hoạt động kinh tế số"),
  task("1", "Tiếp tục tổ chức triển khai tổ chức các hội nghị chuyên đề về kinh tế số, chuyển đổi số cho doanh nghiệp.", "Sở KH&ĐT", "Các cơ quan, đơn vị liên quan", "Quý IV/2022"),
  task("2", "Tổ chức triển khai thực hiện hiệu quả việc hỗ trợ doanh nghiệp nhỏ và vừa tiếp cận, tham gia chương trình SMEdx, sử dụng nền tảng số theo Quyết định số 304/QĐ-UBND ngày 17/3/2022", "Sở KH&ĐT", "Các cơ quan, đơn vị liên quan", "Quý IV/2022"),
  task("3", "Tổ chức triển khai thực hiện hiệu quả Chương trình hỗ trợ doanh nghiệp chuyển đổi số theo Quyết định số 330/QĐ-UBND ngày 24/3/2022; Kế hoạch số 108/KH-UBND ngày 17/3/2022 Hỗ trợ doanh nghiệp nhỏ và vừa năm 2022 trên địa bàn tỉnh Ninh Thuận; đảm bảo mục tiêu năm 2022 tỷ lệ doanh nghiệp nhỏ và vừa sử dụng nền tảng số đạt 30%.", "Sở KH&ĐT", "Các cơ quan, đơn vị liên quan", "Quý IV/2022"),
  task("4", "Triển khai, hỗ trợ các doanh nghiệp sử dụng hợp đồng điện tử, đảm bảo mục tiêu năm 2022 tỷ lệ doanh nghiệp sử dụng hợp đồng điện tử đạt 50%", "Sở KH&ĐT", "Các cơ quan, đơn vị liên quan", "Tháng 12/2022"),
  task("5", "Triển khai, hỗ trợ các doanh nghiệp nộp thuế điện tử, đảm bảo mục tiêu năm 2022 tỷ lệ doanh nghiệp sử dụng hóa đơn điện tử đạt 100%", "Cục Thuế tỉnh", "Các cơ quan, đơn vị liên quan", "Tháng 12/2022"),
  task("6", "Nâng cao hiệu quả khai thác, sử dụng sàn thương mại điện tử Vỏ sò và Postmart; đảm bảo mục tiêu năm 2022 tỷ trọng doanh thu thương mại điện tử trong tổng mức bán lẻ đạt 7%.", "Sở Công thương", "Bưu điện tỉnh, Viettel Post - Chi nhánh tỉnh Ninh Thuận và các cơ quan, đơn vị liên quan", "Tháng 12/2022"),
  section("VIII", "Nhóm Hoạt động xã hội số"),
  task("1", "Tiếp tục tổ chức triển khai thực hiện việc cấp danh tính số/tài khoản định danh điện tử cho người dân trên địa bàn tỉnh theo quy định", "Công an tỉnh", "Các sở, ban, ngành cấp tỉnh; UBND cấp huyện, cấp xã", "Quý IV/2022"),
  task("2", "Tiếp tục triển khai hiệu quả Kế hoạch phát triển thanh toán không dùng tiền mặt trên địa bàn tỉnh theo Kế hoạch số 1466/KH-UBND ngày 8/4/2022, đảm bảo mục tiêu năm 2022 tỷ lệ người dân từ đủ 15 tuổi trở lên số có tài khoản giao dịch tại ngân hàng hoặc các tổ chức được phép khác đạt từ 65 - 70%.", "- Ngân hàng Nhà nước chi nhánh tỉnh Ninh Thuận", "Các cơ quan, đơn vị liên quan", "Quý IV/2022"),
  task("3", "Tăng cường công tác tuyên truyền, khuyến khích người dân trong độ tuổi trưởng thành đăng ký sử dụng chữ ký số hoặc chữ ký điện tử cá nhân để thuận tiện trong việc thực hiện các giao dịch điện tử.", "Sở TTTT", "Các sở, ban, ngành cấp tỉnh; UBND cấp huyện, cấp xã; các Doanh nghiệp viễn thông", "Tháng 12/2022"),
  task("4", "Phổ biến kỹ năng số cơ bản cho người dân trong độ tuổi lao động, mục tiêu năm 2022 tối thiểu 100.000 lượt người;", "Sở TTTT", "UBND cấp huyện, cấp xã; các Doanh nghiệp viễn thông", "Quý IV/2022"),
  task("5", "Triển khai xây dựng phần mềm Smart Ninh Thuận tích hợp các hệ thống thông tin của cơ quan nhà nước để thuận tiện cho người dân được tham gia vào cùng cơ quan nhà nước giải quyết vấn đề của địa phương với chính quyền.", "Sở TTTT", "Các sở, ban, ngành cấp tỉnh; UBND cấp huyện, cấp xã", "Quý IV/2022"),
];

export const ninhThuan2022TaskList: TaskList = { source, tasks: ninhThuan2022Tasks };
