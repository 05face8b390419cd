"""Common given names (lower case, accents kept as written), the evidence that a delimited row's
fields are a person's name (``base.person_row``): "WILLIAMS, DONNA", "LEE|RICHARD",
"Elizabeth Brown". A transparent list, not a model: common names across US, Hispanic, European,
African, South and East Asian populations. Names that are also common words of records (may,
june, april, mark, bill, will, grace, hope, chase, hunter, rose, dawn, summer, ray, dean...)
are left out: a row's "MARK|DONE" names no one; so are the names of months, units and
languages ("JAN|FEB", "MIN", "RUBY|PYTHON"), and names that are a record's words or places
("dan": the IRS's depositor account number, "seo", "mike", "leo", "orlando", "madison")."""

GIVEN_NAMES = frozenset("""
aaron abdul abdullah abigail abraham adam adrian adriana agnieszka ahmed aidan aiden aisha alan
albert alberto alejandra alejandro aleksandr alex alexander alexandra alexis alfredo ali alice
alicia alison allison alma alyssa amanda amelia amina amir amit amy ana andrea andreas
andrew andré andres andrés andy angel angela angelica anil anita ann anna anne annette anthony
antonio arjun arthur ashley aubrey audrey ava barbara beatriz benjamin bernard beth
betty beverly bianca bobby bonnie bradley brandon brenda brian brianna bridget brittany brooke
bruce bryan caitlin camila carl carla carlos carmen carol caroline carrie catherine
cecilia charles chen cheryl chloe chris christian christina christine christopher
cindy claire claudia clara colleen connor craig cristina cynthia daniel daniela danielle
darius darnell darren david debbie deborah debra deepak denise dennis derek deshawn destiny
devon diana diane diego dimitri dmitri dmitry dolores dominic donald donna doris dorothy douglas
dylan earl eduardo edward edwin eileen elaine elena eli elijah elizabeth ella ellen emily emma
enrique eric erica erik erin ernesto esther ethan eva evelyn fatima felix fernando
fiona francesca francis francisco frank gabriel gabriela gabriella gary gavin george gerald
giovanni gloria gonzalo gregory guadalupe guillermo gustavo hailey hannah harold harry hassan
heather hector helen henry hiroshi howard hugo hussein ian igor ines irene isaac isabel
isabella isaiah ivan jack jacob jacqueline jaime jake james jamal jane janet janice jared jasmine
jason javier jayden jean jeffrey jennifer jeremy jerome jerry jesse jessica jesus jesús jill
jim joan joanna joe joel john johnny jonathan jorge jose josé joseph joshua joyce juan
judith judy julia julian julie julio justin kai kamal karen karim katherine kathleen kathryn
katie kayla keisha keith kelly ken kenji kenneth kevin khalid kim kimberly kristen kwame kyle
lakshmi latisha latoya laura lauren lawrence leah leonardo leslie li liam lily linda lisa
lorena lori louis lucas lucia lucy luis luisa luca lukas luke lydia maria mariana marie
marilyn mario marisol marissa martha martin marcus maria mary mason mateo matthew maya megan
mei melanie melissa michael michelle miguel mikhail mohamed mohammad mohammed monica morgan
muhammad nadia nancy naomi natalia natalie nathan nathaniel nicholas nicole nikolai nina noah
noor nora oksana olga oliver olivia omar oscar pablo pamela patricia patrick paul paula
pedro peter philip phillip pooja priya rachel rafael rahul raj rajesh ramón randy raquel
rashid raul raúl rebecca renee ricardo richard rita robert roberto robin rodrigo ronald
rosa rosario roy russell ruth ryan sabrina samantha samuel sandra sanjay sara
sarah scott sean sergei sergio shannon sharon shawn sheila shirley siddharth siobhan sofia sophia
sophie stacy stephanie stephen steven sunil susan suresh sven sylvia takeshi tamara tanya
tara teresa terrence terry theresa thomas timothy tina todd tomas tomás tomasz tony tracy
travis trevor tyler tyrone uma valentina valerie vanessa venkat veronica vicente victor
vijay vincent vivian wanda wayne wei wendy william xavier ximena yasmin
yolanda yuki yusuf zachary zainab zoe
aditya agnes ahmad akira aleksander amara anan anders anja annika arun astrid axel ayesha bilal bjorn björn camille carsten chidi chinedu clément dagmar daisuke dariusz deepa elin elsa emil emilie erika fabian fatou florian frederik freya friedrich gerhard greta gustav günter hamza hannes hans haruto heike helga henrik hyun ibrahim ilse imran ingrid isabelle jakub jana janek jens joakim jonas josef julien jörg jürgen karin karl katarzyna kaveh kenta klaus kofi krzysztof kwabena lars lena leon linnea lotte magnus maja malin marek margit marta matthias mehmet mikael mikkel minh mustafa naveen ngozi nikhil niklas nils nnamdi olaf oluwaseun omari oskar pawel paweł piotr pradeep ralf rasmus ravi rohan ryo sakura sebastian shreya sigrid simon sota stefan stefanie tariq thanh thijs tobias tunde ulrich ursula vikram wojciech yuna zeynep zofia zuzana
abby abel abena adebayo adeline adrienne aiko aimee akash alana aleksandra alessandro alessia alexa
alina allie alondra alvin amelie anastasia andre andrzej angelina angelo anh anjali anke antoine
anya ariana arianna arnold arturo aubree avi barry bernardo bethany birgit blanca bobbie brad bram
brent brett bruno byron calvin cameron candace cara carly carolyn cassandra cassidy cedric celeste
cesar charlotte chiara christy ciara clarence claude clayton clifford clint clyde cody colette colin
connie conrad cory courtney curtis daan daisy damian damon danny dante darlene darrell darryl dave
delia demetrius desmond dexter dieter dina divya domingo donovan dustin dwayne dwight edgar edith
edmund efrain elias elisa eliza ellie elliot elmer eloise emanuel emeka emilia emilio emmanuel
ernest esteban estelle eugenia eunice everett ewa federico felicia femke fidel floyd folasade
frances francesco francine franklin fred freddie frederick garrett genevieve geoffrey geraldine
gerardo gilbert gina giselle giulia giuseppe glenn gordon greg gwen gwendolyn harriet harvey heidi
heinz helena herbert herman hiroko huong ifeoma ignacio imani irma irving ismael jackie jaden jamie
janelle janine jarrod jasper jeanette jeff jenna jenny jeremiah jermaine jessie jimmy joaquin
jocelyn jodi joey johan johanna jolene jonah joost josephine juanita julianna julius jurgen justine
kara karina karla katelyn katrin katrina kavya keiko kelsey kelvin kendra kendrick kirsten krista
kristin kristina kurt lacey lamar lana larry laurie layla leila leonard lerato leroy lester lila
liliana lillian lindsay lindsey linh lionel liza lloyd lois lola lonnie lorenzo loretta lorraine
louise lucille mabel mackenzie madeline magdalena maggie malcolm malgorzata mallory manoj manuel
marc marcel marcela marco marcos margaret margarita mariah mariam marian marisa marjorie marlene
marlon marsha marvin matteo maureen maurice maxine małgorzata melinda melvin meredith mia micah
michele mildred mindy miranda miriam mitchell molly monika monique moritz moses moshe myra natasha
neha neil nellie nicolas njeri norma otieno owen paige pauline peggy penelope percy petra phyllis
pierre pieter priscilla quentin ralph ramesh ramon ramona randall reginald rhonda ricky roberta
rochelle rodney roger roland ronnie rosalie rosemary roxanne ruben rudy sabine sadie sanne satoshi
saul selena serena sergey seth shane shaun shelby sherry shira silvia simone sipho sonia stacey
stanley stella steve stuart suzanne svetlana tabitha takashi tamar tammy tania tatiana tendai
terrance thabo themba theodore tiffany tommy troy uwe vernon vicki vivek walter wanjiru wesley
whitney willie wolfgang xin yael ying yosef youssef yui yuko yvette yvonne zanele
""".split())
