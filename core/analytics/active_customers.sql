-- Active customers (issue #11: one definition on every screen, the brief and the report JSON): customers
-- with at least one order in the window. Returns are not orders (PRODUCT.md § Canonical data), so an
-- order is a line with a positive amount: the RFM population and the customer funnel's first stage.
select count(distinct customer) as active_customers
from
    window_orders(
        $region, $industry, $team, $account_manager, $product, $customer_type, $as_of, $window_days,
        $scope_region, $scope_account_manager
    )
where amount > 0
