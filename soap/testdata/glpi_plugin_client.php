<?php
// The GLPI ocsinventoryng plugin's SOAP client (OcsSoapClient), as it calls
// the server and reads its replies: a SoapClient in non-WSDL mode with the
// plugin's options, every reply passed through the plugin's callSoap
// (implode of an array, then trim) and parsed the way the plugin parses it
// (simplexml, attributes, casts). It runs each call the plugin makes and
// prints one JSON object: what each call gave the plugin, and every PHP
// warning, notice or deprecation raised on the way (an answer the plugin
// cannot use shows there first).
// usage: php glpi_plugin_client.php BASE_URL USER PASSWORD ARGS_JSON
[$self, $url, $login, $password, $argsJSON] = $argv;
$args = json_decode($argsJSON, true);

$warnings = [];
set_error_handler(function ($no, $msg) use (&$warnings) {
    $warnings[] = $msg;
    return true;
});

$client = new SoapClient(null, [
    'location'     => "$url/ocsinterface",
    'uri'          => "$url/Apache/Ocsinventory/Interface",
    'login'        => $login,
    'password'     => $password,
    'trace'        => true,
    'soap_version' => SOAP_1_1,
    'exceptions'   => 0,
]);

// requestXML serialises options as the plugin's OcsSoapRequest does: a list
// repeats its element, a map nests, a scalar is the element's text as is.
function requestXML(string $tag, $value): string
{
    if (!is_array($value)) {
        return "<$tag>$value</$tag>";
    }
    $isList = count(array_filter(array_keys($value), 'is_numeric')) > 0;
    if ($isList) {
        return implode('', array_map(fn($v) => requestXML($tag, $v), $value));
    }
    $inner = '';
    foreach ($value as $k => $v) {
        $inner .= requestXML($k, $v);
    }
    return "<$tag>$inner</$tag>";
}

// callSoap is the plugin's: a request object is sent as its XML, an array
// spread as positional parameters; an array reply is imploded, a string
// reply trimmed.
function callSoap(SoapClient $c, string $method, $request, bool $isRequest = false)
{
    if ($isRequest) {
        $res = $c->$method(requestXML('REQUEST', $request));
    } elseif (is_array($request)) {
        $res = $c->__soapCall($method, $request);
    } else {
        $res = $c->$method($request);
    }
    if (is_array($res)) {
        $res = implode('', $res);
    }
    return is_string($res) ? trim($res) : $res;
}

// multi is the plugin's map of sections returned as lists (getOcsMap).
const SINGLE = ['hardware', 'bios', 'uptime', 'winupdatestate', 'osinstall'];

// getComputers is the plugin's paging loop and reply parsing.
function getComputers(SoapClient $c, array $options): array
{
    $offset = $originalOffset = (int)($options['OFFSET'] ?? 0);
    $maxRecords = isset($options['MAX_RECORDS']) ? (int)$options['MAX_RECORDS'] : null;
    $checksum = isset($options['CHECKSUM']) ? (int)$options['CHECKSUM'] : 131071;
    $originalEnd = isset($options['MAX_RECORDS']) ? $originalOffset + $maxRecords : null;
    $computers = [];
    $requests = 0;
    do {
        $options['ENGINE'] = 'FIRST';
        $options['ASKING_FOR'] = 'INVENTORY';
        $options['CHECKSUM'] = $checksum;
        $options['OFFSET'] = $offset;
        if (!is_null($maxRecords)) {
            $options['MAX_RECORDS'] = $maxRecords;
        }
        $xml = callSoap($c, 'get_computers_V1', $options, true);
        $requests++;
        $objs = simplexml_load_string($xml);
        if (count($objs) > 0) {
            foreach ($objs as $obj) {
                $meta = $obj->META;
                $computer = ['META' => [
                    'ID' => (int)$meta->DATABASEID, 'CHECKSUM' => (int)$meta->CHECKSUM,
                    'DEVICEID' => (string)$meta->DEVICEID, 'LASTCOME' => (string)$meta->LASTCOME,
                    'LASTDATE' => (string)$meta->LASTDATE, 'NAME' => (string)$meta->NAME, 'TAG' => (string)$meta->TAG,
                ]];
                foreach ($obj->children() as $name => $sectionObj) {
                    $section = [];
                    foreach ($sectionObj as $key => $val) {
                        if (in_array($name, ['ACCOUNTINFO', 'DICO_SOFT'])) {
                            $section[(string)$val->attributes()->Name] = (string)$val;
                        } else {
                            $section[$key] = (string)$val;
                        }
                    }
                    if (!isset($computer[$name])) {
                        $computer[$name] = [];
                    }
                    if (in_array(strtolower($name), SINGLE)) {
                        $computer[$name] = $section;
                    } else {
                        $computer[$name][] = $section;
                    }
                }
                if (array_key_exists('ACCOUNTINFO', $computer)) {
                    foreach ($computer['ACCOUNTINFO'] as $n => $ai) {
                        $computer['ACCOUNTINFO'][$n]['HARDWARE_ID'] = $computer['META']['ID'];
                    }
                }
                $computers[(int)$meta->DATABASEID] = $computer;
            }
        }
        $totalCount = (int)$objs['TOTAL_COUNT'];
        $maxRecords = (int)$objs['MAX_RECORDS'];
        $offset += $maxRecords;
        $end = (is_null($originalEnd) or $originalEnd > $totalCount) ? $totalCount : $originalEnd;
        if ($offset + $maxRecords > $end) {
            $maxRecords = $end - $offset;
        }
    } while ($options['OFFSET'] + $objs['MAX_RECORDS'] < $end && $requests < 100);
    return ['TOTAL_COUNT' => $totalCount, 'COMPUTERS' => $computers, 'requests' => $requests, 'order' => array_keys($computers)];
}

function getConfig(SoapClient $c, string $key)
{
    $xml = callSoap($c, 'ocs_config_V2', $key);
    if (is_soap_fault($xml)) {
        return false;
    }
    $obj = simplexml_load_string($xml);
    return ['IVALUE' => (int)$obj->IVALUE, 'TVALUE' => (string)$obj->TVALUE];
}

function searchComputers(SoapClient $c, string $field, $value): array
{
    $objs = simplexml_load_string(callSoap($c, 'search_computers_V1', [$field, $value]));
    $out = [];
    if (count($objs) > 0) {
        foreach ($objs as $obj) {
            $out[] = ['ID' => (int)$obj->DATABASEID, 'CHECKSUM' => (int)$obj->CHECKSUM, 'DEVICEID' => (string)$obj->DEVICEID,
                'LASTCOME' => (string)$obj->LASTCOME, 'LASTDATE' => (string)$obj->LASTDATE,
                'NAME' => (string)$obj->NAME, 'TAG' => (string)$obj->TAG];
        }
    }
    return $out;
}

function getComputerSections(SoapClient $c, array $ids, int $checksum, int $wanted): array
{
    $objs = simplexml_load_string(callSoap($c, 'get_computer_sections_V1', [$ids, $checksum, $wanted]));
    $out = [];
    foreach ($objs as $obj) {
        $computer = [];
        foreach ($obj as $name => $sectionObj) {
            $computer[$name] = [];
            foreach ($sectionObj as $key => $val) {
                $computer[$name][$key] = (string)$val;
            }
        }
        $out[(int)$obj['ID']] = $computer;
    }
    return $out;
}

// removeDeletedComputers: a list is removed one call per element.
function removeDeletedComputers(SoapClient $c, $deleted, $equiv = null): array
{
    $replies = [];
    foreach ((is_array($deleted) ? $deleted : [$deleted]) as $del) {
        $params = $equiv ? [$del, $equiv] : [$del];
        $res = callSoap($c, 'remove_deleted_computer_V1', $params);
        $replies[] = is_soap_fault($res) ? 'fault: ' . $res->faultstring : $res;
    }
    return $replies;
}

// getAccountInfoColumns: the plugin's `new OcsSoapRequest()` has no
// argument, an error on PHP >= 7.1; before, it serialised to an empty
// REQUEST, which is what is sent here.
function getAccountInfoColumns(SoapClient $c): array
{
    $xml = callSoap($c, '_get_account_fields_V1', '<REQUEST></REQUEST>');
    return array_merge(['HARDWARE_ID' => 'HARDWARE_ID', 'TAG' => 'TAG'], (array)$xml);
}

$out = [];
$out['checkConnection'] = !is_soap_fault($client->ocs_config_V2('LOGLEVEL'));
foreach (['GUI_VERSION', 'TRACE_DELETED', 'IPDISCOVER', 'SNMP'] as $key) {
    $out['getConfig'][$key] = getConfig($client, $key);
}
callSoap($client, 'ocs_config_V2', ['LOGLEVEL', 1, '']);
$out['setConfig'] = getConfig($client, 'LOGLEVEL');
callSoap($client, 'reset_checksum_V1', [$args['checksum'], $args['checksumID']]);
$out['getChecksum'] = (int)simplexml_load_string(callSoap($client, 'get_checksum_V1', $args['checksumID']));
foreach ($args['getComputers'] as $name => $options) {
    $out['getComputers'][$name] = getComputers($client, $options);
}
$out['searchComputers']['DEVICEID'] = searchComputers($client, 'DEVICEID', $args['deviceID']);
$out['searchComputers']['ID'] = searchComputers($client, 'ID', $args['checksumID']);
$out['getComputerSections'] = getComputerSections($client, $args['sectionIDs'], 0xFFFFF, 0x3);
$out['removeDeletedComputers']['list'] = removeDeletedComputers($client, $args['deleted']);
$out['removeDeletedComputers']['merged'] = removeDeletedComputers($client, $args['merged'][0], $args['merged'][1]);
$out['getAccountInfoColumns'] = getAccountInfoColumns($client);
$out['warnings'] = $warnings;
echo json_encode($out, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
