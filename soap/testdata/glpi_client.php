<?php
// A SOAP client configured exactly as GLPI's ocsinventoryng plugin configures
// OcsSoapClient (non-WSDL mode), or, with "wsdl" as 4th argument, a client
// that reads the service's WSDL. It reads a JSON list of [method, [args…]]
// on stdin and prints one JSON result per call: the returned parts (an
// array result is flattened in order, as the plugin implode()s it), the PHP
// type of a single result, or the fault.
// usage: php glpi_client.php BASE_URL USER PASSWORD [wsdl]
[$self, $url, $login, $password] = $argv;
$mode = $argv[4] ?? 'nonwsdl';
if ($mode === 'wsdl') {
    $client = new SoapClient("$url/ocsinterface?wsdl", [
        'login' => $login, 'password' => $password, 'trace' => true,
        'exceptions' => 0, 'cache_wsdl' => WSDL_CACHE_NONE,
    ]);
} else {
    $client = new SoapClient(null, [
        'location' => "$url/ocsinterface", 'uri' => "$url/Apache/Ocsinventory/Interface",
        'login' => $login, 'password' => $password, 'trace' => true,
        'soap_version' => SOAP_1_1, 'exceptions' => 0,
    ]);
}
$calls = json_decode(file_get_contents('php://stdin'), true);
$out = [];
foreach ($calls as [$method, $args]) {
    $res = $client->__soapCall($method, $args);
    if (is_soap_fault($res)) {
        $out[] = ['fault' => $res->faultcode . ': ' . $res->faultstring];
        continue;
    }
    if (is_array($res)) {
        $out[] = ['type' => 'array', 'parts' => array_map('strval', array_values($res)), 'joined' => implode('', $res)];
        continue;
    }
    $out[] = ['type' => gettype($res), 'parts' => [$res === null ? null : (string)$res]];
}
echo json_encode($out, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
