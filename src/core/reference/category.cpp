#include "core/reference/category.h"

namespace jembatan {

const std::string& Category::Name(std::string_view language) const {
  if (language == "vi") return name_vi;
  if (language == "en") return name_en;
  return name_id;
}

std::vector<DepartmentSeed> DefaultDepartments() {
  return {
      {"DEPT-NRE", "Department of Agriculture and Environment"},
      {"DEPT-CON", "Department of Construction"},
      {"DEPT-EMC", "Ethnic Minorities and Religion Committee"},
      {"DEPT-POL", "Provincial Police"},
  };
}

std::vector<Category> DefaultCategories() {
  // Deadlines follow the administrative practice of the seeds: simple local matters within a
  // few weeks, land and forest disputes longer, disasters and security fastest.
  return {
      {"land_dispute", "Sengketa tanah", "Tranh chấp đất đai", "Land dispute", "", 2, 30, 10},
      {"site_clearance", "Pembersihan lahan", "Giải phóng mặt bằng", "Site clearance", "DEPT-CON",
       3, 30, 10},
      {"water_pollution", "Pencemaran sumber air", "Ô nhiễm nguồn nước", "Water pollution",
       "DEPT-NRE", 2, 15, 5},
      {"forest_land_dispute", "Sengketa lahan hutan", "Tranh chấp đất rừng", "Forest-land dispute",
       "DEPT-NRE", 3, 30, 10},
      {"disaster_damage", "Kerusakan bencana, badai, longsor", "Thiệt hại thiên tai, bão, sạt lở",
       "Disaster, storm or landslide damage", "", 1, 7, 3},
      {"irrigation_works", "Pekerjaan irigasi", "Công trình thủy lợi", "Irrigation works", "", 2,
       20, 5},
      {"land_donation_support", "Dukungan hibah lahan", "Hỗ trợ hiến đất",
       "Support for donated land", "", 2, 20, 5},
      {"security_order", "Keamanan dan ketertiban", "An ninh trật tự", "Security and order", "", 1,
       7, 3},
      {"roads_bridges", "Jalan dan jembatan", "Đường và cầu", "Roads and bridges", "", 2, 20, 5},
      {"social_welfare", "Kesejahteraan sosial dan kemiskinan", "An sinh xã hội và giảm nghèo",
       "Social welfare and poverty", "", 2, 15, 5},
      {"culture_customs", "Budaya dan adat", "Văn hóa và phong tục", "Culture and customs", "", 2,
       15, 5},
      {"ethnic_religious", "Urusan etnis dan agama", "Công tác dân tộc và tôn giáo",
       "Ethnic and religious affairs", "DEPT-EMC", 3, 20, 5},
      {"health", "Kesehatan", "Y tế", "Health", "", 2, 10, 3},
      {"admin_procedures", "Prosedur administrasi", "Thủ tục hành chính",
       "Administrative procedures", "", 1, 10, 3},
      {"other", "Lainnya", "Khác", "Other", "", 2, 15, 5},
  };
}

}  // namespace jembatan
