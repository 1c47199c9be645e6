package main

import (
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"ocsd/agentcompat"
)

// glpiSection is one row of an inventory section. Its XML element names are
// the column names the plugin reads back; {name}, {serial}, {mac}, {n} and
// {free} stand for values that vary per machine.
type glpiSection struct {
	tag, table string
	fields     [][2]string
}

func section(tag, table string, kv ...string) glpiSection {
	s := glpiSection{tag: tag, table: table}
	for i := 0; i+1 < len(kv); i += 2 {
		s.fields = append(s.fields, [2]string{kv[i], kv[i+1]})
	}
	return s
}

// glpiHardware is the HARDWARE section of a synthetic machine.
var glpiHardware = section("HARDWARE", "hardware", "NAME", "{name}", "WORKGROUP", "CORP",
	"OSNAME", "Microsoft Windows 10 Pro", "OSVERSION", "10.0.19045", "OSCOMMENTS", "22H2",
	"PROCESSORT", "Intel Core i7-9700", "PROCESSORS", "3000", "PROCESSORN", "1", "MEMORY", "16384", "SWAP", "2048",
	"IPADDR", "192.0.2.{n}", "DNS", "192.0.2.53", "DEFAULTGATEWAY", "192.0.2.1", "DESCRIPTION", "x86_64/00-00-00 01:02:03",
	"WINCOMPANY", "Example Corp", "WINOWNER", "IT", "WINPRODID", "00330-80000-00000-AA123",
	"WINPRODKEY", "ABCDE-FGHIJ-KLMNO-PQRST-UVWXY", "UUID", "uuid-{serial}", "ARCH", "64-bit", "USERID", "jdoe")

// glpiSections gives a synthetic machine a row in every section table the
// plugin reads (two registry rows: one with a regconfig row, one without).
var glpiSections = []glpiSection{
	section("BIOS", "bios", "SMANUFACTURER", "ACME", "SMODEL", "Model 7", "SSN", "{serial}", "TYPE", "Desktop",
		"BMANUFACTURER", "ACME BIOS", "BVERSION", "1.2.3", "BDATE", "01/15/2023", "ASSETTAG", "AT-{name}",
		"MMANUFACTURER", "ACME Boards", "MMODEL", "MB-7", "MSN", "MB-{serial}"),
	section("MEMORIES", "memories", "CAPTION", "DIMM 0", "DESCRIPTION", "DDR4 DIMM", "CAPACITY", "8192", "TYPE", "DDR4",
		"SPEED", "3200", "NUMSLOTS", "1", "SERIALNUMBER", "MEM-{serial}"),
	section("SLOTS", "slots", "NAME", "PCIe x16", "DESCRIPTION", "PCI Express", "DESIGNATION", "J6B2", "STATUS", "In Use"),
	section("REGISTRY", "registry", "NAME", "ProductName", "REGVALUE", "Windows 10 Pro"),
	section("REGISTRY", "registry", "NAME", "Unconfigured", "REGVALUE", "left over"),
	section("CONTROLLERS", "controllers", "MANUFACTURER", "Intel", "NAME", "SATA AHCI", "CAPTION", "SATA AHCI Controller",
		"DESCRIPTION", "Standard SATA AHCI", "TYPE", "IDE Controller"),
	section("MONITORS", "monitors", "MANUFACTURER", "Dell", "CAPTION", "P2419H", "DESCRIPTION", "Dell P2419H",
		"TYPE", "LCD", "SERIAL", "MON-{serial}"),
	section("PORTS", "ports", "TYPE", "USB", "NAME", "USB 3.0", "CAPTION", "USB0", "DESCRIPTION", "Rear USB"),
	section("STORAGES", "storages", "MANUFACTURER", "Samsung", "NAME", "disk0", "MODEL", "SSD 870", "DESCRIPTION", "SATA SSD",
		"TYPE", "Disk drive", "DISKSIZE", "476940", "SERIALNUMBER", "DSK-{serial}", "FIRMWARE", "SVT02B6Q"),
	section("DRIVES", "drives", "LETTER", "C:", "TYPE", "Hard Drive", "FILESYSTEM", "NTFS", "TOTAL", "476000",
		"FREE", "{free}", "VOLUMN", "System"),
	section("INPUTS", "inputs", "TYPE", "Keyboard", "MANUFACTURER", "Logitech", "CAPTION", "K120",
		"DESCRIPTION", "USB keyboard", "INTERFACE", "USB"),
	section("MODEMS", "modems", "NAME", "WWAN", "MODEL", "EM7455", "DESCRIPTION", "Sierra Wireless", "TYPE", "Mobile broadband"),
	section("NETWORKS", "networks", "DESCRIPTION", "Ethernet", "TYPE", "Ethernet", "TYPEMIB", "ethernetCsmacd",
		"SPEED", "1 Gb/s", "MACADDR", "{mac}", "STATUS", "Up", "IPADDRESS", "192.0.2.{n}", "IPMASK", "255.255.255.0",
		"IPGATEWAY", "192.0.2.1", "IPSUBNET", "192.0.2.0", "VIRTUALDEV", "0"),
	section("PRINTERS", "printers", "NAME", "HP LaserJet", "DRIVER", "HP Universal", "PORT", "IP_192.0.2.50",
		"DESCRIPTION", "Office printer"),
	section("SOUNDS", "sounds", "MANUFACTURER", "Realtek", "NAME", "HD Audio", "DESCRIPTION", "Realtek High Definition Audio"),
	section("VIDEOS", "videos", "NAME", "Intel UHD 630", "CHIPSET", "Intel", "MEMORY", "1024", "RESOLUTION", "1920 x 1080"),
	section("VIRTUALMACHINES", "virtualmachines", "NAME", "build-vm", "STATUS", "running", "SUBSYSTEM", "Hyper-V",
		"VMTYPE", "HyperV", "UUID", "vm-{serial}", "VCPU", "2", "MEMORY", "4096"),
	section("CPUS", "cpus", "MANUFACTURER", "Intel", "TYPE", "Core i7-9700", "SERIALNUMBER", "CPU-{serial}", "SPEED", "3000",
		"CORES", "8", "LOGICAL_CPUS", "8", "CURRENT_SPEED", "3000", "CPUARCH", "x86_64"),
	section("SIM", "sim", "OPERATOR", "20801", "OPNAME", "Orange", "COUNTRY", "fr", "SERIALNUMBER", "8933",
		"DEVICEID", "imei-{serial}", "PHONENUMBER", "+33600000000"),
}

// glpiSoftware is a synthetic machine's software: a full row, one without
// the optional fields, one without a publisher.
var glpiSoftware = []glpiSection{
	section("SOFTWARES", "software", "NAME", "7-Zip", "VERSION", "23.01", "PUBLISHER", "Igor Pavlov",
		"COMMENTS", "File archiver", "FOLDER", `C:\Program Files\7-Zip`, "FILENAME", "7zFM.exe", "FILESIZE", "1024",
		"SOURCE", "1", "GUID", "{23170F69-40C1-2702-2301-000001000000}", "LANGUAGE", "en",
		"INSTALLDATE", "2023/06/01", "BITSWIDTH", "64"),
	section("SOFTWARES", "software", "NAME", "Mozilla Firefox", "VERSION", "128.0", "PUBLISHER", "Mozilla"),
	section("SOFTWARES", "software", "NAME", "inhouse-tool", "VERSION", "1.0"),
}

// glpiAgentUA is the User-Agent synthetic machines are posted with.
const glpiAgentUA = "OCS-NG_WINDOWS_AGENT_v2.10.1.0"

// glpiPC is a synthetic Windows-like machine.
type glpiPC struct {
	n           int    // varies name, serial, MAC and addresses
	tag         string // ACCOUNTINFO TAG
	site        string // ACCOUNTINFO fields_3, the console's custom field ("": not sent)
	lastDate    string // HARDWARE/LASTDATE ("": none, the server's time applies)
	checksum    string // HARDWARE/CHECKSUM ("": none)
	free        string // DRIVES/FREE ("": 250000), the section the checksum tests change
	oldDeviceID string
}

func (p glpiPC) deviceID() string { return fmt.Sprintf("glpi-pc%d-2024-05-06-07-08-09", p.n) }
func (p glpiPC) name() string     { return fmt.Sprintf("glpi-pc%d", p.n) }

// expand fills the placeholders of a section value for this machine.
func (p glpiPC) expand(v string) string {
	free := p.free
	if free == "" {
		free = "250000"
	}
	return strings.NewReplacer("{name}", p.name(), "{serial}", fmt.Sprintf("SER%04d", p.n),
		"{mac}", fmt.Sprintf("02:47:4c:50:00:%02x", p.n), "{n}", strconv.Itoa(10+p.n), "{free}", free).Replace(v)
}

func (p glpiPC) doc() []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?><REQUEST><DEVICEID>` + p.deviceID() +
		`</DEVICEID><QUERY>INVENTORY</QUERY><CONTENT><HARDWARE>`)
	p.writeFields(&b, glpiHardware.fields)
	if p.checksum != "" {
		b.WriteString("<CHECKSUM>" + p.checksum + "</CHECKSUM>")
	}
	if p.lastDate != "" {
		b.WriteString("<LASTDATE>" + p.lastDate + "</LASTDATE>")
	}
	b.WriteString("</HARDWARE>")
	for _, s := range append(append([]glpiSection{}, glpiSections...), glpiSoftware...) {
		b.WriteString("<" + s.tag + ">")
		p.writeFields(&b, s.fields)
		b.WriteString("</" + s.tag + ">")
	}
	account := map[string]string{"TAG": p.tag, "fields_3": p.site}
	for _, k := range []string{"TAG", "fields_3"} {
		if account[k] != "" {
			b.WriteString("<ACCOUNTINFO><KEYNAME>" + k + "</KEYNAME><KEYVALUE>" + account[k] + "</KEYVALUE></ACCOUNTINFO>")
		}
	}
	if p.oldDeviceID != "" {
		b.WriteString("<OLD_DEVICEID>" + p.oldDeviceID + "</OLD_DEVICEID>")
	}
	b.WriteString("</CONTENT></REQUEST>")
	return []byte(b.String())
}

func (p glpiPC) writeFields(b *strings.Builder, fields [][2]string) {
	for _, f := range fields {
		b.WriteString("<" + f[0] + ">" + p.expand(f[1]) + "</" + f[0] + ">")
	}
}

// postPC sends a synthetic machine's inventory and returns its hardware.ID.
func (s *testServer) postPC(t *testing.T, p glpiPC) int64 {
	t.Helper()
	status, body := s.post(t, p.doc(), agentcompat.Zlib, glpiAgentUA)
	if status != http.StatusOK {
		t.Fatalf("inventory of %s: status %d %s", p.name(), status, body)
	}
	return s.hardwareID(t, p.deviceID())
}

// dbTime returns the database's NOW() shifted by d, as LASTDATE is written.
func (s *testServer) dbTime(t *testing.T, d time.Duration) string {
	t.Helper()
	var now string
	if err := s.DB.SQL().QueryRow("SELECT DATE_FORMAT(NOW(), '%Y-%m-%d %H:%i:%s')").Scan(&now); err != nil {
		t.Fatal(err)
	}
	tm, err := time.Parse(time.DateTime, now)
	if err != nil {
		t.Fatal(err)
	}
	return tm.Add(d).Format(time.DateTime)
}

// addSiteField defines an administrative field the way the OCS console does
// (Admininfo::add_accountinfo): a select field SITE whose values live in
// config rows ACCOUNT_VALUE_SITE_<n>, stored in a new accountinfo column
// fields_<id>. Its id is 3, after the two seeded TAG rows.
func (s *testServer) addSiteField(t *testing.T) {
	t.Helper()
	s.exec(t, `INSERT INTO accountinfo_config (TYPE, NAME, ID_TAB, COMMENT, SHOW_ORDER, ACCOUNT_TYPE, DEFAULT_VALUE)
		VALUES (2, 'SITE', 1, 'Site', 2, 'COMPUTERS', '')`)
	if n := s.count(t, "SELECT COUNT(*) FROM accountinfo_config WHERE ID = 3 AND NAME = 'SITE'"); n != 1 {
		t.Fatalf("the SITE field did not get id 3")
	}
	s.exec(t, "ALTER TABLE accountinfo ADD COLUMN fields_3 VARCHAR(255) default NULL")
	s.exec(t, "INSERT INTO config (NAME, IVALUE, TVALUE) VALUES ('ACCOUNT_VALUE_SITE_1', 1, 'Paris'), ('ACCOUNT_VALUE_SITE_2', 2, 'Lyon')")
}

var deviceIDInConf = regexp.MustCompile(`<DEVICEID>([^<]+)</DEVICEID>`)

// runOCSAgent runs Debian's ocsinventory-agent against s with its state in
// vardir (with force it skips the PROLOG) and returns the machine it
// inventoried.
func (s *testServer) runOCSAgent(t *testing.T, vardir string, force bool, args ...string) int64 {
	t.Helper()
	a := []string{"--server", s.URL + "/ocsinventory", "--basevardir", vardir, "--nolocal"}
	if force {
		a = append(a, "--force")
	}
	runAgent(t, agentBinary(t, "ocsinventory-agent"), append(a, args...)...)
	var deviceID string
	_ = filepath.WalkDir(vardir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Name() == "ocsinv.conf" {
			if b, err := os.ReadFile(p); err == nil {
				if m := deviceIDInConf.FindSubmatch(b); m != nil {
					deviceID = string(m[1])
				}
			}
		}
		return nil
	})
	if deviceID == "" {
		t.Fatalf("no DEVICEID in the agent's state under %s", vardir)
	}
	return s.hardwareID(t, deviceID)
}

// addGroup creates a static group as the console does: a pseudo-machine
// whose DEVICEID starts with '_', here last seen 40 days ago.
func (s *testServer) addGroup(t *testing.T) int64 {
	t.Helper()
	res, err := s.DB.SQL().Exec(`INSERT INTO hardware (DEVICEID, NAME, LASTDATE, LASTCOME)
		VALUES ('_SYSTEMGROUP_', 'Servers', NOW() - INTERVAL 40 DAY, NOW() - INTERVAL 40 DAY)`)
	if err != nil {
		t.Fatal(err)
	}
	id, err := res.LastInsertId()
	if err != nil {
		t.Fatal(err)
	}
	return id
}
