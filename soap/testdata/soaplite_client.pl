#!/usr/bin/perl
# A SOAP::Lite client used as OCS's own soap-client.pl uses it:
# ->uri(<base>/Apache/Ocsinventory/Interface)->proxy(<proto>://user:pass@host/ocsinterface),
# then ->$method(@params) and ->paramsall. It reads a JSON list of
# [method, [args…]] on stdin and prints one JSON result per call. With
# "compress" as 4th argument, SOAP::Lite's HTTP compression is on (it gzips
# requests and asks for gzipped replies).
# usage: perl soaplite_client.pl BASE_URL USER PASSWORD [compress]
use strict;
use warnings;
use SOAP::Lite;
use JSON::PP;

my ($url, $user, $pass, $mode) = @ARGV;
my ($proto, $host) = $url =~ m{^(\w+)://(.*)$} or die "bad url $url";
my $lite = SOAP::Lite
  ->uri("$proto://$host/Apache/Ocsinventory/Interface")
  ->proxy("$proto://$user:$pass\@$host/ocsinterface");
$lite->transport->options({compress_threshold => 10}) if ($mode // '') eq 'compress';

local $/;
my $calls = JSON::PP->new->utf8->decode(<STDIN>);
my @out;
for my $call (@$calls) {
    my ($method, $args) = @$call;
    my $som = $lite->$method(@$args);
    if (!ref $som) {
        push @out, {fault => "transport: " . $lite->transport->status};
    } elsif ($som->fault) {
        push @out, {fault => $som->faultcode . ': ' . $som->faultstring};
    } else {
        push @out, {parts => [$som->paramsall]};
    }
}
print JSON::PP->new->utf8->canonical->encode(\@out);
