// The rules of backups that need no database (app/operations/backup.h): the checksum file and
// which scheduled backups retention deletes.
#include "app/operations/backup.h"

#include <gtest/gtest.h>

namespace jembatan {
namespace {

TEST(Backup, ChecksumsGoThroughTheirFileAndBadLinesAreRefused) {
  const std::vector<app::TableCopy> tables = {{"units", 57, std::string(32, 'a')},
                                              {"cases", 6002, std::string(32, 'b')}};
  auto back = app::ParseChecksums(app::ChecksumsText(tables));
  ASSERT_TRUE(back.ok());
  ASSERT_EQ(back->size(), 2u);
  EXPECT_EQ((*back)[1].table, "cases");
  EXPECT_EQ((*back)[1].rows, 6002);
  EXPECT_EQ((*back)[1].checksum, std::string(32, 'b'));
  for (const char* bad : {"", "units\t57", "units\tx\taaaa",
                          "units\t-1\t"
                          "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
                          "units\t5\tshort"}) {
    EXPECT_FALSE(app::ParseChecksums(bad).ok()) << bad;
  }
}

TEST(Backup, RetentionKeepsTheNewestAndTouchesNothingElse) {
  EXPECT_EQ(app::BackupFileName(Timestamp{1'796'000'000}, "db"), "jembatan-20261130T005320Z.db");
  const std::vector<std::string> names = {"jembatan-20261201T000000Z.db",
                                          "jembatan-20261203T000000Z.db",
                                          "jembatan-20261201T000000Z.db.sums",
                                          "jembatan-20261202T000000Z.db",
                                          "notes.txt",
                                          "jembatan-latest.db",
                                          "jembatan-20261130T000000Z.pgdump"};
  EXPECT_EQ(app::BackupsToDelete(names, 2),
            (std::vector<std::string>{"jembatan-20261130T000000Z.pgdump",
                                      "jembatan-20261201T000000Z.db"}));
  EXPECT_TRUE(app::BackupsToDelete(names, 10).empty());
}

}  // namespace
}  // namespace jembatan
