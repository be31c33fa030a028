-- The words anon.is_address looks for, by role, in lower case without trailing dots (the
-- detector compares lower(word) without its dots: anon.address_word).
-- Sources: Faker's address providers (street suffixes and prefixes of en_US, en_GB, en_AU,
-- en_NZ, en_IN, de_*, fr_*, es_*, it_IT, nl_*, pt_*, cs_CZ, sk_SK, pl_PL, sv_SE, da_DK, no_NO,
-- fi_FI, hu_HU; tests/test_scan_address.py checks that every one is recognised), the USPS
-- street-suffix abbreviations, and forms seen in real data (chinook, northwind).
--   street_type       ends an English street name: 8537 Smith Ways, 2 Hewitt Common
--   street_prefix     starts a street name: Via Roma 12, Rua do Paço, 67, 1498 rue Bélanger
--   street_start      a street prefix that makes a street name even without a number:
--                     Viela Castro, boulevard Lecoq (a subset: Campo, Vila, Lago are places too)
--   street_ending     ends a street name that a house number follows, as a separate word or
--                     as the end of a compound: Berliner Platz 43, Larabaan 985, Pohnertova 642
--   unit              an apartment or suite inside an English address: Apt. 297, Suite 032
--   unit_first        an apartment before the street: Flat 04 Henry Landing, Studio 61v Jay Spur
--   direction         after an English street type: 11120 Jasper Ave NW
--   place_preposition starts a Czech, Slovak or German street name: Nad Návsí 100, Am Markt 5
--   po_box            a post-office box: P.O. Box 78934, Postfach 1234
-- Literal arrays in an inlinable body: a call with a constant role folds into a constant
-- array at plan time for free, and `x = ANY (constant array)` in a target list or WHERE
-- clause is a hash lookup (PostgreSQL 14+), ~0.3 µs however long the list. (As the argument
-- of a FROM-clause function it stays a linear search, ~8 µs for 450 words: call
-- anon.value_kinds and anon.is_address in a target list or WHERE clause.)
CREATE OR REPLACE FUNCTION anon.address_words(p_role text)
RETURNS text[]
LANGUAGE sql
IMMUTABLE
PARALLEL SAFE
RETURN CASE p_role
    WHEN 'street_type' THEN '{
        access, alley, alleyway, aly, amble, anchorage, anx, approach, arc, arcade, artery, av, ave,
        avenue, avn, basin, bch, beach, bend, blf, block, blvd, bnd, boulevard, brace, brae, branch,
        break, brg, bridge, brk, broadway, brook, brooks, brow, btm, burg, burgs, bvd, byp, bypass,
        byway, camp, canyon, cape, causeway, cct, center, centers, centre, centreway, chare, chase,
        chowk, cir, circle, circles, circlet, circuit, circus, cl, clb, clf, cliff, cliffs, close,
        club, cmn, colonnade, common, concourse, copse, cor, corner, corners, corso, course, court,
        courts, courtyard, cove, coves, creek, cres, crescent, crest, crk, croft, cross, crossing,
        crossroad, crossway, crse, crst, cruiseway, cswy, ct, ctr, cts, cul-de-sac, curve, cutting, cv,
        cyn, dale, dam, dell, deviation, dip, distributor, divide, dr, drive, drives, driveway, drove,
        edge, elbow, embankment, end, entrance, esp, esplanade, est, estate, estates, expressway, expy,
        ext, extension, extensions, fairway, fall, falls, ferry, field, fields, firetrail, flat, flats,
        fld, flds, fls, fold, follow, footway, ford, fords, foreshore, forest, forge, forges, fork,
        forks, formation, fort, freeway, frk, front, frontage, frst, fry, fwy, ganj, gap, garden,
        gardens, garth, gate, gates, gateway, gdn, gdns, glade, glen, glens, gln, gr, grange, green,
        greens, grn, gro, ground, grove, groves, grv, gtwy, gully, harbor, harbors, harbour, haven,
        hbr, heights, highroad, highway, hill, hills, hollow, holw, hts, hvn, hwy, inlet, inlt,
        interchange, intersection, island, islands, isle, jct, junction, junctions, key, keys, knl,
        knoll, knolls, lake, lakes, land, landing, lane, laneway, ldg, lea, lees, light, lights, line,
        link, little, ln, lndg, loaf, loan, lock, locks, lodge, lookout, loop, lower, mall, manor,
        manors, marg, mdw, mdws, mead, meadow, meadows, meander, mew, mews, mill, mills, mission, mnr,
        motorway, mount, mountain, mountains, msn, mt, mtn, mtwy, nagar, neck, nook, orch, orchard,
        outlook, oval, overpass, ovl, parade, park, parklands, parks, parkway, parkways, part, pass,
        passage, path, pathway, pde, piazza, pike, pine, pines, pkwy, pl, place, plain, plains,
        plateau, plaza, pln, plz, pne, pnes, pocket, point, points, port, ports, prairie, promenade,
        prt, psge, pt, quad, quadrangle, quadrant, quay, quays, radial, radl, ramble, ramp, ranch,
        range, rapid, rapids, rd, rdg, reach, reserve, rest, retreat, ride, ridge, ridges, ridgeway,
        ring, rise, riv, river, riverway, riviera, rnch, road, roads, roadside, roadway, ronde,
        rosebowl, rotary, round, route, row, rpd, rst, rte, rue, run, shoal, shoals, shore, shores,
        shr, siding, skwy, skyway, slope, smt, sound, spg, spgs, spring, springs, spur, spurs, sq,
        square, squares, st, sta, stairs, station, steps, stra, strand, stravenue, stream, street,
        streets, strip, strm, subway, summit, tarn, tce, ter, terrace, thoroughfare, throughway,
        tollway, top, tor, towers, tpke, trace, track, trafficway, trail, trailer, trak, trce, trfy,
        triangle, trl, trunkway, trwy, tunl, tunnel, turn, turnpike, underpass, union, unions, upas,
        upper, vale, valley, valleys, vennel, via, viaduct, view, views, village, villages, villas,
        ville, vis, vista, vlg, vly, vw, wade, walk, walks, walkway, wall, way, ways, well, wells,
        wharf, wlk, wy, wynd, xing, xrd, yard, zila
    }'::text[]
    WHEN 'street_prefix' THEN '{
        rue, r, avenue, av, ave, boulevard, bd, bld, bvd, blvd, chemin, allée, allee, allé, impasse,
        imp, quai, cours, route, rte, place, square, passage, voie, sentier, faubourg, fbg, rond-point,
        résidence, hameau, montée, rang, cité, esplanade, parvis, promenade, chaussée, côte, quartier,
        lieu-dit, lotissement, domaine, ruelle, traverse, venelle, carrefour, galerie, calle, c, c/,
        cl, avenida, avda, avd, paseo, pº, plaza, pza, plza, camino, cmno, ronda, carretera, ctra,
        travesía, travesia, callejón, callejon, cuesta, glorieta, rambla, urbanización, urbanizacion,
        urb, vial, vía, via, cañada, alameda, acceso, pasaje, pje, psje, pasadizo, polígono, poligono,
        carrer, avinguda, avgda, passeig, plaça, rúa, ampliación, andador, calzada, cerrada, circuito,
        circunvalación, continuación, corredor, diagonal, diag, dg, eje, peatonal, periférico, privada,
        prolongación, retorno, viaducto, carrera, cra, kr, transversal, barrio, rua, travessa, tv,
        trav, praça, pça, estrada, estr, largo, lgo, rodovia, rod, viela, vila, setor, quadra, qd,
        fazenda, favela, feira, jardim, jd, ladeira, lago, lagoa, loteamento, morro, núcleo, parque,
        pq, passarela, pátio, praia, recanto, residencial, sítio, trecho, trevo, vale, vereda,
        aeroporto, área, Área, campo, chácara, colônia, condomínio, conjunto, distrito, estação,
        esplanada, viaduto, beco, caminho, calçada, servidão, viale, v.le, piazza, p.zza, piazzale,
        p.le, corso, c.so, vicolo, vico, strada, str, borgo, contrada, c.da, rotonda, incrocio,
        stretto, canale, lungomare, lungotevere, salita, località, loc, fondamenta, frazione, fraz,
        circonvallazione, piazzetta, ul, ulica, al, aleja, pl, plac, os, osiedle, rondo, skwer, bulwar,
        ulice, náměstí, nám, námestie, třída, tř, trieda, nábřeží, nábř, nábrežie, nábr, sídliště,
        sídlisko, bulevardul, bdul, calea, aleea, piața, șoseaua, splaiul, intrarea
    }'::text[]
    WHEN 'street_start' THEN '{
        rue, chemin, avenue, boulevard, allée, impasse, quai, chaussée, calle, avenida, avda, paseo,
        pasaje, callejón, glorieta, rambla, urbanización, carrera, carretera, cañada, ronda, cuesta,
        acceso, rua, travessa, viela, ladeira, praça, rodovia, estrada, alameda, esplanada, fazenda,
        favela, loteamento, residencial, condomínio, chácara, sítio, vereda, beco, trevo, recanto,
        viale, piazza, piazzale, vicolo, corso, strada, contrada, ulica, aleja, náměstí, nábřeží
    }'::text[]
    WHEN 'street_ending' THEN '{
        straße, strasse, str, gasse, weg, allee, ring, platz, damm, ufer, steig, pfad, chaussee,
        promenade, markt, stieg, twiete, kamp, anger, graben, zeile, straat, laan, plein, gracht, kade,
        singel, dreef, hof, pad, steeg, baan, boulevard, dijk, dyk, burgwal, plantsoen, lei, vest,
        kanaal, gatan, gata, vägen, väg, gränd, stigen, torget, torg, allé, backe, gången, leden, gade,
        vej, stræde, plads, vænge, veien, vegen, vei, veg, gate, gaten, alléen, bakken, berget, bråten,
        eggen, engen, ekra, faret, flata, gjerdet, grenda, gropa, hagen, haugen, havna, holtet, høgda,
        jordet, kollen, kroken, lia, lunden, lyngen, løkka, marka, moen, myra, plassen, ringen, roa,
        røa, skogen, skrenten, spranget, stien, stranda, stubben, stykket, svingen, tjernet, toppen,
        tunet, vollen, vika, åsen, katu, tie, polku, kuja, bulevardi, väylä, raitti, rinne, ranta,
        aukio, tori, kaari, puistikko, utca, u, út, útja, körút, krt, tér, tere, köz, sor, fasor,
        sétány, rakpart, ká, vá, ná, ní, ova, ská, cká, ého, eho, iho, yho, kou, ách, ích, ých, ště,
        stí, ovej, skej, ulice, ulica, třída, trieda, nám, náměstí, námestie, nábřeží, nábrežie, nábř,
        nábr, tř, tr, ul, cesta,
        schody, owa, ska, cka, skiego, ckiego
    }'::text[]
    WHEN 'unit' THEN '{
        apt, apartment, suite, ste, unit, flat, fl, floor, rm, room, bldg, building, lot, dept, trlr,
        spc, no, nr
    }'::text[]
    WHEN 'unit_first' THEN '{
        flat, studio, apartment, apt, unit, suite, ste, level, lvl, room, h.no
    }'::text[]
    WHEN 'direction' THEN '{
        n, s, e, w, ne, nw, se, sw, north, south, east, west, no, so, nth, sth
    }'::text[]
    WHEN 'place_preposition' THEN '{
        k, ke, v, ve, na, nad, pod, u, za, před, pred, při, pri, am, im, zum, zur, auf, hinter, unter,
        bei
    }'::text[]
    WHEN 'po_box' THEN '{
        p.o, p.o.box, po, pob, pobox, box, postfach, postbus, apartado, caixa, boîte, boite, bp, psc,
        uss, usns, usnv
    }'::text[]
END;
COMMENT ON FUNCTION anon.address_words(text) IS
    'pgscrub: street types, prefixes, endings, units and directions that anon.is_address looks for, by role';
