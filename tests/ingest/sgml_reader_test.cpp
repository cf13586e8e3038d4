#include "ingest/sgml_reader.h"

#include <catch2/catch.hpp>
#include <string>

namespace dealgraph {
namespace {

const char kClassicHeader[] =
    "ACCESSION NUMBER:\t\t0000950135-06-000123\n"
    "CONFORMED SUBMISSION TYPE:\t8-K/A\n"
    "PUBLIC DOCUMENT COUNT:\t\t2\n"
    "CONFORMED PERIOD OF REPORT:\t20060127\n"
    "ITEM INFORMATION:\t\tEntry into a Material Definitive Agreement\n"
    "ITEM INFORMATION:\t\tDeparture of Directors or Principal Officers; Election of Directors\n"
    "ITEM INFORMATION:\t\tFinancial Statements and Exhibits\n"
    "ITEM INFORMATION:\t\tSomething nobody has heard of\n"
    "FILED AS OF DATE:\t\t20060131\n"
    "\n"
    "FILER:\n"
    "\n"
    "\tCOMPANY DATA:\t\n"
    "\t\tCOMPANY CONFORMED NAME:\t\t\tIMMUNOGEN INC\n"
    "\t\tCENTRAL INDEX KEY:\t\t\t0000855654\n"
    "\t\tFISCAL YEAR END:\t\t\t0630\n"
    "\n"
    "\tFORMER COMPANY:\t\n"
    "\t\tFORMER CONFORMED NAME:\tIMMUNOGEN CORP\n"
    "\t\tDATE OF NAME CHANGE:\t19920703\n"
    "\n"
    "SUBJECT COMPANY:\n"
    "\n"
    "\tCOMPANY DATA:\t\n"
    "\t\tCOMPANY CONFORMED NAME:\t\t\tNOT A FILER CORP\n";

TEST_CASE("sgml reader: the classic header is parsed field by field", "[ingest]") {
  FilingHeader h = ParseSecHeader(kClassicHeader);
  CHECK(h.accession == "0000950135-06-000123");
  CHECK(h.form == "8-K/A");
  CHECK(h.period == "2006-01-27");
  CHECK(h.filed == "2006-01-31");
  CHECK(h.items == std::vector<std::string>{"1.01", "5.02", "9.01"});
  REQUIRE(h.filers.size() == 1);
  CHECK(h.filers[0].name == "IMMUNOGEN INC");
  CHECK(h.filers[0].cik == "0000855654");
  CHECK(h.filers[0].fiscal_year_end == "0630");
  REQUIRE(h.filers[0].former_names.size() == 1);
  CHECK(h.filers[0].former_names[0].name == "IMMUNOGEN CORP");
  CHECK(h.filers[0].former_names[0].changed == "1992-07-03");
  // The SUBJECT COMPANY block is kept apart from the filers, with its role.
  REQUIRE(h.others.size() == 1);
  CHECK(h.others[0].name == "NOT A FILER CORP");
  CHECK(h.others[0].role == "SUBJECT COMPANY");
}

TEST_CASE("sgml reader: a CENTRAL INDEX KEY that is not 1 to 10 digits is no key", "[ingest]") {
  for (const char* bad : {"-5", "12345678901", "ACME", "12 34", "0x1F"}) {
    INFO(bad);
    std::string header = std::string("CONFORMED SUBMISSION TYPE:\t8-K\nFILER:\n\tCOMPANY DATA:\n"
                                     "\t\tCOMPANY CONFORMED NAME:\tACME CORP\n\t\tCENTRAL INDEX KEY:\t") +
                         bad + "\n";
    FilingHeader h = ParseSecHeader(header);
    REQUIRE(h.filers.size() == 1);
    CHECK(h.filers[0].name == "ACME CORP");
    CHECK(h.filers[0].cik.empty());
  }
  FilingHeader ok = ParseSecHeader("FILER:\n\tCOMPANY DATA:\n\t\tCENTRAL INDEX KEY:\t0000320193\n");
  REQUIRE(ok.filers.size() == 1);
  CHECK(ok.filers[0].cik == "0000320193");
}

TEST_CASE("sgml reader: the tagged .nc header dialect is parsed", "[ingest]") {
  std::string nc =
      "\n<ACCESSION-NUMBER>0001493152-25-001317\n<TYPE>8-K\n<PERIOD>20250106\n<ITEMS>5.02"
      "\n<ITEMS>9.01\n<FILING-DATE>20250108\n<FILER>\n<COMPANY-DATA>\n"
      "<CONFORMED-NAME>ACORN ENERGY, INC.\n<CIK>0000880984\n<FISCAL-YEAR-END>1231\n"
      "</COMPANY-DATA>\n<FORMER-COMPANY>\n<FORMER-CONFORMED-NAME>ACORN FACTOR, INC.\n"
      "<DATE-CHANGED>20060920\n</FORMER-COMPANY>\n</FILER>\n";
  FilingHeader h = ParseSecHeader(nc);
  CHECK(h.accession == "0001493152-25-001317");
  CHECK(h.form == "8-K");
  CHECK(h.period == "2025-01-06");
  CHECK(h.filed == "2025-01-08");
  CHECK(h.items == std::vector<std::string>{"5.02", "9.01"});
  REQUIRE(h.filers.size() == 1);
  CHECK(h.filers[0].name == "ACORN ENERGY, INC.");
  REQUIRE(h.filers[0].former_names.size() == 1);
  CHECK(h.filers[0].former_names[0].changed == "2006-09-20");
  // Without line breaks between the tags (the raw .nc form) it reads the same.
  FilingHeader packed = ParseSecHeader(
      "<ACCESSION-NUMBER>0001493152-25-001317<TYPE>8-K<ITEMS>5.02<FILER><COMPANY-DATA>"
      "<CONFORMED-NAME>ACORN ENERGY, INC.<CIK>0000880984</COMPANY-DATA></FILER>");
  CHECK(packed.accession == "0001493152-25-001317");
  CHECK(packed.items == std::vector<std::string>{"5.02"});
  REQUIRE(packed.filers.size() == 1);
  CHECK(packed.filers[0].cik == "0000880984");
}

TEST_CASE("sgml reader: item titles map to the numbering in force when filed", "[ingest]") {
  CHECK(ItemNumberFromTitle("Results of Operations and Financial Condition", "2024-02-01") ==
        "2.02");
  CHECK(ItemNumberFromTitle("Other Events", "2006-01-31") == "8.01");
  CHECK(ItemNumberFromTitle("Other events", "1999-09-07") == "5");
  CHECK(ItemNumberFromTitle("Financial statements and exhibits", "1999-09-07") == "7");
  CHECK(ItemNumberFromTitle("Regulation FD Disclosure", "") == "7.01");
  CHECK(ItemNumberFromTitle("Item 5.02", "") == "5.02");
  CHECK(ItemNumberFromTitle("2.02", "") == "2.02");
  CHECK(ItemNumberFromTitle("Submission of Matters to a Vote of Security Holders", "") == "5.07");
  CHECK(ItemNumberFromTitle("Material Cybersecurity Incidents", "") == "1.05");
  CHECK(ItemNumberFromTitle("No such item", "") == "");
}

TEST_CASE("sgml reader: documents are split, labelled and filtered by type", "[ingest]") {
  std::string sgml =
      "<SEC-DOCUMENT>0000000001-24-000001.txt : 20240101\n"
      "<SEC-HEADER>0000000001-24-000001.hdr.sgml : 20240101\n"
      "ACCESSION NUMBER:\t\t0000000001-24-000001\n"
      "CONFORMED SUBMISSION TYPE:\t8-K\n"
      "FILED AS OF DATE:\t\t20240101\n"
      "</SEC-HEADER>\n"
      "<DOCUMENT>\n<TYPE>8-K\n<SEQUENCE>1\n<FILENAME>main.htm\n<TEXT>\n<XBRL>\n"
      "<html><body><div>Item 8.01 Other Events.</div></body></html>\n</XBRL>\n</TEXT>\n"
      "</DOCUMENT>\n"
      "<DOCUMENT>\n<TYPE>EX-99.1\n<SEQUENCE>2\n<FILENAME>ex99.txt\n<TEXT>\n"
      "Press release text.\n</TEXT>\n</DOCUMENT>\n"
      "<DOCUMENT>\n<TYPE>EX-101.SCH\n<SEQUENCE>3\n<FILENAME>x.xsd\n<TEXT>\n<XBRL>\n"
      "<xsd:schema>junk</xsd:schema>\n</XBRL>\n</TEXT>\n</DOCUMENT>\n"
      "<DOCUMENT>\n<TYPE>GRAPHIC\n<SEQUENCE>4\n<FILENAME>g.jpg\n<TEXT>\nbegin 644 g.jpg\n"
      "M_]C_X  02D9)1@\nend\n</TEXT>\n</DOCUMENT>\n"
      "<DOCUMENT>\n<TYPE>EX-10.1\n<SEQUENCE>5\n<FILENAME>ex10.pdf\n<TEXT>\n<PDF>\n"
      "begin 644 ex10.pdf\nM1234\nend\n</PDF>\n</TEXT>\n</DOCUMENT>\n"
      "<DOCUMENT>\n<TYPE>EX-10.2\n<SEQUENCE>6\n<FILENAME>ex10.htm\n<TEXT>\n"
      "<html><body><p>Consulting Agreement.</p></body></html>\n</TEXT>\n</DOCUMENT>\n"
      "</SEC-DOCUMENT>\n";
  Result<Document> doc = ReadSgmlFiling("f.txt", sgml);
  REQUIRE(doc.ok());
  CHECK(doc->header.accession == "0000000001-24-000001");
  CHECK(doc->text ==
        "<<8-K>>\nItem 8.01 Other Events.\n"
        "<<EX-99.1>>\nPress release text.\n"
        "<<EX-10.2>>\nConsulting Agreement.\n");
}

TEST_CASE("sgml reader: a bare <TYPE> wrapper names the form", "[ingest]") {
  Result<Document> doc = ReadSgmlFiling("ex.htm",
                                        "<TYPE>EX-99.1\n<SEQUENCE>2\n<FILENAME>ex99-1.htm\n<TEXT>\n"
                                        "<HTML><BODY><P>News.</P></BODY></HTML>\n</TEXT>\n");
  REQUIRE(doc.ok());
  CHECK(doc->header.form == "EX-99.1");
  CHECK(doc->text == "<<EX-99.1>>\nNews.\n");
}

TEST_CASE("sgml reader: truncated submissions are refused", "[ingest][error]") {
  Result<Document> no_docs =
      ReadSgmlFiling("t.txt", "<SEC-DOCUMENT>\n<SEC-HEADER>\nACCESSION NUMBER: 1\n</SEC-HEADER>\n");
  REQUIRE_FALSE(no_docs.ok());
  CHECK(no_docs.status().message() == "truncated SGML: header without documents");
  CHECK(no_docs.status().code() == StatusCode::kCorruption);

  Result<Document> open_doc = ReadSgmlFiling(
      "t.txt", "<SEC-HEADER>\nACCESSION NUMBER: 1\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>8-K\n");
  REQUIRE_FALSE(open_doc.ok());
  CHECK(open_doc.status().message() == "truncated SGML: <DOCUMENT> 1 (8-K) has no </DOCUMENT>");
}

TEST_CASE("sgml reader: a <DOCUMENT> cut short is refused even when it has text", "[ingest][error]") {
  // Half a download: the text there may end mid-sentence or mid-table, so
  // none of the filing is read rather than a part of it.
  Result<Document> doc = ReadSgmlFiling(
      "t.txt",
      "<SEC-HEADER>\nCONFORMED SUBMISSION TYPE: 8-K\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>8-K\n"
      "<TEXT>\nItem 8.01 Other Events.\nThe company did something.\n</TEXT>\n</DOCUMENT>\n"
      "<DOCUMENT>\n<TYPE>EX-99.1\n<TEXT>\nThe press release begins and then\n");
  REQUIRE_FALSE(doc.ok());
  CHECK(doc.status().code() == StatusCode::kCorruption);
  CHECK(doc.status().message() == "truncated SGML: <DOCUMENT> 2 (EX-99.1) has no </DOCUMENT>");
}

TEST_CASE("sgml reader: sniffing finds EDGAR markers", "[ingest]") {
  CHECK(
      LooksLikeSgml("-----BEGIN PRIVACY-ENHANCED MESSAGE-----\nProc-Type: 2001\n\n"
                    "<SEC-DOCUMENT>0000320193-99-000010.txt"));
  CHECK(LooksLikeSgml("<SUBMISSION>\n<ACCESSION-NUMBER>1"));
  CHECK(LooksLikeSgml("\n<DOCUMENT>\n<TYPE>EX-99.1"));
  CHECK(LooksLikeSgml("<TYPE>EX-99.1\n<SEQUENCE>2"));
  CHECK_FALSE(LooksLikeSgml("<html><body>TYPE</body></html>"));
}

}  // namespace
}  // namespace dealgraph
